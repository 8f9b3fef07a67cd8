package io.screenalytics.bench.cost;

import io.screenalytics.asd.testing.TwoShots;
import io.screenalytics.bench.cpu.TestClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The episodes {@code bench/run episode} measures, composed once with the ffmpeg CLI and cached in a directory (a
 * file is moved into place only once ffmpeg succeeded, {@link TestClip#ffmpeg}).
 */
public final class EpisodeVideos {

  private EpisodeVideos() {}

  /**
   * The talking heads ({@code sadtalker_*} of {@code videos}, in name order, one face at a time) pillarboxed into
   * 1920x1080 at 29.97 fps and looped to {@code minutes}: silent ({@code talking-heads-1080p-<M>min.mp4}, the cost
   * table's input since issue 26), or with the clips' own audio in AAC ({@code talking-heads-1080p-audio-<M>min.mp4},
   * for the voice and active speaker stages).
   *
   * @throws IOException when ffmpeg is missing or fails
   */
  public static Path talkingHeads(Path videos, double minutes, Path dir, boolean audio)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path out = dir.resolve(String.format(Locale.ROOT, "talking-heads-1080p-%s%.1fmin.mp4", audio ? "audio-" : "",
        minutes));
    if (Files.isRegularFile(out) && Files.size(out) > 0) return out;
    List<Path> heads;
    try (Stream<Path> s = Files.list(videos)) {
      heads = s.filter(p -> p.getFileName().toString().startsWith("sadtalker_")).sorted().toList();
    }
    Path list = dir.resolve("heads.txt");
    StringBuilder lines = new StringBuilder();
    for (Path h : heads) lines.append("file '").append(h.toAbsolutePath()).append("'\n");
    Files.writeString(list, lines);
    List<String> args = new ArrayList<>(List.of("-stream_loop", "-1", "-f", "concat", "-safe", "0", "-i",
        list.toString(), "-t", Double.toString(minutes * 60), "-vf",
        "scale=1080:1080,pad=1920:1080:420:0,fps=30000/1001", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
        "-pix_fmt", "yuv420p"));
    args.addAll(audio ? List.of("-c:a", "aac", "-b:a", "96k") : List.of("-an"));
    args.addAll(List.of("-movflags", "+faststart"));
    TestClip.ffmpeg(args, out);
    return out;
  }

  /**
   * Two faces taking turns to speak: the tests' composed two-shot ({@link TwoShots}: two shared talking heads side by
   * side, 512x256 at 25 fps, four turns of 4 s, the silent one a still picture of itself, the speaker's audio), made
   * by its one recipe and looped (stream copy) to {@code minutes} ({@code twoshot-<M>min.mkv}).
   *
   * @param shared the shared directory (holding {@code media/video/})
   * @throws IOException when ffmpeg is missing or fails
   */
  public static Path twoShot(Path shared, double minutes, Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve(String.format(Locale.ROOT, "twoshot-%.1fmin.mkv", minutes));
    if (Files.isRegularFile(out) && Files.size(out) > 0) return out;
    Path parts = Files.createDirectories(dir.resolve("twoshot-parts"));
    Path once = TwoShots.compose(shared, parts, (file, args) -> {
      TestClip.ffmpeg(List.of(args), file);
      return file;
    });
    TestClip.ffmpeg(List.of("-stream_loop", "-1", "-i", once.toString(), "-t", Double.toString(minutes * 60),
        "-c", "copy"), out);
    return out;
  }
}
