package io.screenalytics.bench.decode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's video: 60 s of 1920x1080 H.264 at 30 fps (1800 frames) made with the ffmpeg CLI (Debian's
 * ffmpeg has libx264; Bytedeco's LGPL build cannot encode H.264) by looping a real 1080p clip, sped up from
 * 25 to 30 fps without duplicating frames, with x264's defaults ({@code -preset medium}: 3 B-frames,
 * B-pyramid, as broadcast encodes). Made once and cached; the frame-type mix is read with ffprobe once.
 *
 * @param file the H.264 file
 * @param frames number of video frames
 * @param bFrames number of B-frames among them
 * @param source the clip it was made from
 */
public record BenchVideo(Path file, int frames, int bFrames, Path source) {

  /** Seconds of video. */
  public static final int SECONDS = 60;
  /** Frames per second. */
  public static final int FPS = 30;

  /**
   * Returns the cached video under {@code cacheDir}, making it first if missing.
   *
   * @param source a real clip, any size (scaled to 1920x1080)
   * @throws IOException if ffmpeg or ffprobe is missing or fails
   */
  public static BenchVideo ensure(Path cacheDir, Path source) throws IOException, InterruptedException {
    Files.createDirectories(cacheDir);
    Path file = cacheDir.resolve("decode-1080p-60s.mp4");
    Path types = cacheDir.resolve("decode-1080p-60s.frametypes");
    if (!Files.isRegularFile(file)) {
      Path partial = cacheDir.resolve("decode-1080p-60s.partial.mp4");
      System.out.printf("making %s from %s with the ffmpeg CLI (once; a few minutes)%n", file, source);
      run(List.of("ffmpeg", "-hide_banner", "-v", "error", "-y", "-stream_loop", "-1", "-i", source.toString(),
          "-an", "-vf", "setpts=N/(" + FPS + "*TB),scale=1920:1080", "-r", Integer.toString(FPS),
          "-t", Integer.toString(SECONDS), "-c:v", "libx264", "-preset", "medium", "-crf", "20",
          "-pix_fmt", "yuv420p", "-movflags", "+faststart", partial.toString()));
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(types);
    }
    if (!Files.isRegularFile(types)) {
      String out = run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
          "frame=pict_type", "-of", "csv=p=0", file.toString()));
      Files.writeString(types, out);
    }
    List<String> lines = Files.readAllLines(types).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    int b = (int) lines.stream().filter(s -> s.startsWith("B")).count();
    return new BenchVideo(file, lines.size(), b, source);
  }

  /**
   * Runs a command, returns its standard output.
   *
   * @throws IOException if it cannot start or exits non-zero (with its error output)
   */
  static String run(List<String> command) throws IOException, InterruptedException {
    Path err = Files.createTempFile("bench-", ".err");
    try {
      Process p = new ProcessBuilder(new ArrayList<>(command)).redirectError(err.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException(command.get(0) + " failed (exit " + p.exitValue() + "): " + Files.readString(err));
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
