package io.screenalytics.bench.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A 1080p H.264 test clip made from a real one with the {@code ffmpeg} command-line tool (Debian's, which has
 * libx264): the source looped to the wanted length and scaled to 1920x1080. Made once and kept.
 */
public final class TestClip {

  private TestClip() {}

  /**
   * The clip, made if it is not there yet.
   *
   * @param source  a real clip to loop, for example {@code short_hamilton_clip.mp4}
   * @param seconds length of the clip
   * @param dir     where to keep it
   * @throws IOException when ffmpeg is missing or fails (install it with {@code apt-get install -y ffmpeg})
   */
  public static Path make1080p(Path source, int seconds, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path clip = dir.resolve("cpu-quota-1080p-" + seconds + "s.mp4");
    if (Files.isRegularFile(clip) && Files.size(clip) > 0) {
      return clip;
    }
    ffmpeg(List.of("-stream_loop", "-1", "-i", source.toString(), "-t", Integer.toString(seconds), "-vf",
        "scale=1920:1080", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-an",
        "-movflags", "+faststart"), clip);
    return clip;
  }

  /**
   * Runs {@code ffmpeg -v error -y <args> <partial file>} and moves the result to {@code out} once it succeeded, so
   * that an interrupted run never leaves a clip that looks finished.
   *
   * @throws IOException when ffmpeg is missing, fails or takes over two hours
   */
  public static void ffmpeg(List<String> args, Path out) throws IOException, InterruptedException {
    Path partial = out.resolveSibling("partial-" + out.getFileName());
    List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
    command.addAll(args);
    command.add(partial.toString());
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("ffmpeg failed making " + out + ": " + String.join(" ", command));
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
  }
}
