package io.screenalytics.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.screenalytics.voice.testing.VoiceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding any container to 16 kHz mono, and the reasons when it cannot. */
class AudioDecoderTest {

  private static final String VIDEO = "media/video/sadtalker_RD_Radio34_000.mp4";

  @TempDir Path tmp;

  @Test void shouldDecodeTheAudioOfAVideoTo16kHzMono() throws Exception {
    AudioClip clip = AudioDecoder.decode(VoiceData.file(VIDEO).toString());
    assertThat(clip.sampleRate()).isEqualTo(16_000);
    assertThat(clip.seconds()).isBetween(7.9, 8.1);
  }

  @Test void shouldStreamOnlyTheRangeAsked() throws Exception {
    FloatList all = new FloatList();
    long n = AudioDecoder.stream(VoiceData.libri("1688", "1688-142285-0003.flac"), 1.0, 2.5, all);
    assertThat(n).isEqualTo(24_000);
    float[] whole = AudioDecoder.decode(VoiceData.libri("1688", "1688-142285-0003.flac")).samples();
    assertThat(all.get(0)).isEqualTo(whole[16_000]);
    assertThat(all.get(23_999)).isEqualTo(whole[39_999]);
  }

  @Test void shouldSayWhenThereIsNoAudioStream() throws Exception {
    Path silentVideo = tmp.resolve("no_audio.mp4");
    ffmpeg("-i", VoiceData.file(VIDEO).toString(), "-an", "-c:v", "copy", silentVideo.toString());
    assertThatThrownBy(() -> AudioDecoder.decode(silentVideo.toString()))
        .isInstanceOfSatisfying(AudioDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.NO_AUDIO))
        .hasMessageContaining("no audio stream");
  }

  @Test void shouldSayWhenTheInputCannotBeOpened() throws Exception {
    Path junk = tmp.resolve("junk.mp4");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> AudioDecoder.decode(junk.toString()))
        .isInstanceOfSatisfying(AudioDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.UNREADABLE));
  }

  @Test void shouldFailACorruptAudioStreamWithAReasonAndNotCrash() throws Exception {
    Path corrupt = tmp.resolve("corrupt_audio.mp4");
    ffmpeg("-i", VoiceData.file(VIDEO).toString(), "-c", "copy", "-bsf:a", "noise=amount=2", corrupt.toString());
    assertThatThrownBy(() -> AudioDecoder.decode(corrupt.toString()))
        .isInstanceOfSatisfying(AudioDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.CORRUPT))
        .hasMessageContaining("corrupt");
  }

  private static void ffmpeg(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 4];
    command[0] = "ffmpeg";
    command[1] = "-v";
    command[2] = "error";
    command[3] = "-y";
    System.arraycopy(args, 0, command, 4, args.length);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "the ffmpeg command is needed to make this fixture");
      return;
    }
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor()).isZero();
  }
}
