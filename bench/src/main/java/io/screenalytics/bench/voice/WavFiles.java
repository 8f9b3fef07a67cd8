package io.screenalytics.bench.voice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes 16 kHz mono 16-bit PCM WAV files, as the original wrote one per segment. */
final class WavFiles {

  private WavFiles() {
  }

  /** Writes {@code samples} in [-1, 1] to {@code file}. */
  static void write(Path file, float[] samples) throws IOException {
    ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32767f))));
    AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
  }
}
