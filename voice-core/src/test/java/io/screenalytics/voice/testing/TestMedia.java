package io.screenalytics.voice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Media fixtures made from the shared footage with the {@code ffmpeg} command (tests are skipped without it). */
public final class TestMedia {

  /** A talking-head clip with one speaker: H.264-free MPEG-4 video and AAC audio, 8 s. */
  public static final String TALKING_HEAD = "media/video/sadtalker_RD_Radio34_000.mp4";

  private TestMedia() {
  }

  /** The clip's video only, stream-copied: an input without an audio stream. */
  public static Path withoutAudio(Path clip, Path out) throws IOException, InterruptedException {
    return ffmpeg(out, "-i", clip.toString(), "-an", "-c:v", "copy");
  }

  /** The clip with its audio packets corrupted by FFmpeg's {@code noise} bitstream filter; the video intact. */
  public static Path withCorruptAudio(Path clip, Path out) throws IOException, InterruptedException {
    return ffmpeg(out, "-i", clip.toString(), "-c", "copy", "-bsf:a", "noise=amount=2");
  }

  /** Runs {@code ffmpeg -v error -y ARGS OUT}. */
  public static Path ffmpeg(Path out, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
    command.addAll(List.of(args));
    command.add(out.toString());
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "the ffmpeg command is needed to make this fixture");
      return out;
    }
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    assertThat(Files.size(out)).isPositive();
    return out;
  }
}
