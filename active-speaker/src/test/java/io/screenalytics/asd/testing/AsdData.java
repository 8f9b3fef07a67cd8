package io.screenalytics.asd.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.voice.testing.VoiceData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Light-ASD reference vectors of {@code shared/models/asd/reference/} and what the reference script read with
 * the {@code ffmpeg} command (frames as BGR24 at 25 fps, audio as 16-bit 16 kHz mono), read the same way here.
 */
public final class AsdData {

  private AsdData() {
  }

  /** A file of the reference directory. */
  public static Path reference(String name) {
    return VoiceData.file("models/asd/reference/" + name);
  }

  /** A raw little-endian float32 reference file. */
  public static float[] floats(String name) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(reference(name))).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }

  /** A raw little-endian int16 reference file. */
  public static short[] shorts(String name) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(reference(name))).order(ByteOrder.LITTLE_ENDIAN);
    short[] out = new short[b.remaining() / 2];
    b.asShortBuffer().get(out);
    return out;
  }

  /** A raw uint8 reference file of {@code side x side} images, one per row of the result. */
  public static byte[][] images(String name, int side) throws IOException {
    byte[] all = Files.readAllBytes(reference(name));
    int n = all.length / (side * side);
    byte[][] out = new byte[n][side * side];
    for (int i = 0; i < n; i++) System.arraycopy(all, i * side * side, out[i], 0, side * side);
    return out;
  }

  /** {@code ffmpeg -i VIDEO -r 25 -f rawvideo -pix_fmt bgr24 -}: every frame at 25 fps. */
  public static List<BgrImage> frames(Path video, int width, int height) throws IOException, InterruptedException {
    byte[] raw = run(List.of("ffmpeg", "-v", "error", "-i", video.toString(), "-r", "25", "-f", "rawvideo",
        "-pix_fmt", "bgr24", "-"));
    int size = width * height * 3;
    List<BgrImage> out = new ArrayList<>();
    for (int off = 0; off + size <= raw.length; off += size) {
      byte[] f = new byte[size];
      System.arraycopy(raw, off, f, 0, size);
      out.add(new BgrImage(width, height, f));
    }
    return out;
  }

  /** {@code ffmpeg -i MEDIA -ac 1 -ar 16000 -f s16le -}: the audio as 16-bit samples. */
  public static short[] pcm(Path media) throws IOException, InterruptedException {
    byte[] raw = run(List.of("ffmpeg", "-v", "error", "-i", media.toString(), "-ac", "1", "-ar", "16000", "-f",
        "s16le", "-"));
    short[] out = new short[raw.length / 2];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  private static byte[] run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      assumeTrue(false, "the ffmpeg command is needed to read the reference media");
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
    }
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out.toByteArray();
  }
}
