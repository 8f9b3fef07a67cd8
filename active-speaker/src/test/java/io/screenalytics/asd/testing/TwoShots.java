package io.screenalytics.asd.testing;

import io.screenalytics.voice.testing.TestMedia;
import io.screenalytics.voice.testing.VoiceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A composed two-shot, made with the {@code ffmpeg} command: Katie Hill (left) and Bob Menendez (right), two shared
 * talking heads side by side at {@value #SIDE}x{@value #SIDE} each, 25 fps, taking {@value #TURNS} turns of
 * {@value #TURN_S} s (Katie, Bob, Katie, Bob); the one not speaking is a still picture of itself (its first frame
 * looped); the audio is the speaking one's own track (16 kHz mono PCM in Matroska). Used by {@code TwoShotIT}, the
 * active speaker service's integration test and {@code bench/run episode --two-shot} (which runs the ffmpeg command
 * its own way: {@link #compose(Path, Path, Ffmpeg)} needs nothing of JUnit).
 */
public final class TwoShots {

  /** Seconds per turn. */
  public static final int TURN_S = 4;
  /** Turns: Katie speaks in the even ones, Bob in the odd ones. */
  public static final int TURNS = 4;
  /** Side of each head, pixels; the frame is {@code 2 SIDE x SIDE}. */
  public static final int SIDE = 256;
  /** Katie Hill's talking head (8.06 s). */
  static final String KATIE = "media/video/sadtalker_WDA_KatieHill_000.mp4";
  /** Bob Menendez's talking head (8.06 s). */
  static final String BOB = "media/video/sadtalker_WDA_BobMenendez_000.mp4";
  /** The video filter every head goes through: 25 fps, {@value #SIDE} pixels square. */
  static final String SCALE = "fps=25,scale=" + SIDE + ":" + SIDE + ",setsar=1";

  private TwoShots() {
  }

  /** Runs {@code ffmpeg -v error -y ARGS OUT} and returns {@code OUT}, or throws. */
  @FunctionalInterface
  public interface Ffmpeg {
    /**
     * @throws IOException when the command is missing or fails
     */
    Path run(Path out, String... args) throws IOException, InterruptedException;
  }

  /** Whether Katie (left) speaks in {@code turn}; Bob (right) speaks in the others. */
  public static boolean katieSpeaks(int turn) {
    return turn % 2 == 0;
  }

  /**
   * Composes the two-shot in {@code dir} ({@code twoshot.mkv}) from the shared footage the tests use, with the test
   * fixture's ffmpeg runner (a test without the command is skipped).
   */
  public static Path compose(Path dir) throws Exception {
    return compose(VoiceData.shared(), dir, TestMedia::ffmpeg);
  }

  /**
   * Composes the two-shot in {@code dir} ({@code twoshot.mkv}, plus its pieces). Turn i: the speaker's seconds
   * {@code [4 (i / 2), 4 (i / 2) + 4)}, the other's first frame.
   *
   * @param shared the shared directory (holding {@code media/video/})
   * @param ffmpeg runs the ffmpeg command
   * @throws IOException when ffmpeg fails
   */
  public static Path compose(Path shared, Path dir, Ffmpeg ffmpeg) throws IOException, InterruptedException {
    Path katie = shared.resolve(KATIE);
    Path bob = shared.resolve(BOB);
    Path katieStill = still(katie, dir.resolve("katie.png"), ffmpeg);
    Path bobStill = still(bob, dir.resolve("bob.png"), ffmpeg);
    List<Path> parts = new ArrayList<>();
    for (int turn = 0; turn < TURNS; turn++) {
      boolean katieSpeaks = katieSpeaks(turn);
      Path speaker = katieSpeaks ? katie : bob;
      Path still = katieSpeaks ? bobStill : katieStill;
      String graph = "[0:v]" + SCALE + "[s];[1:v]" + SCALE + "[q];" + (katieSpeaks ? "[s][q]" : "[q][s]")
          + "hstack=inputs=2,format=yuv420p[v]";
      parts.add(part(ffmpeg, dir.resolve("turn" + turn + ".mp4"), TURN_S, graph, "0:a",
          "-ss", String.valueOf(TURN_S * (turn / 2)), "-t", String.valueOf(TURN_S), "-i", speaker.toString(),
          "-loop", "1", "-framerate", "25", "-t", String.valueOf(TURN_S), "-i", still.toString()));
    }
    return concat(parts, dir.resolve("twoshot.mkv"), ffmpeg);
  }

  /** The first frame of {@code clip} as a PNG at {@code png}. */
  static Path still(Path clip, Path png) throws Exception {
    return still(clip, png, TestMedia::ffmpeg);
  }

  private static Path still(Path clip, Path png, Ffmpeg ffmpeg) throws IOException, InterruptedException {
    return ffmpeg.run(png, "-i", clip.toString(), "-frames:v", "1");
  }

  /**
   * One part of a composed video: the {@code inputs} (ffmpeg input arguments) through the filter {@code graph}
   * (ending in {@code [v]}), with the audio {@code audio} (a stream specifier or a filter's label), {@code seconds}
   * long; H.264 and 16 kHz mono PCM in Matroska, so the parts concatenate without re-encoding.
   */
  static Path part(Path out, double seconds, String graph, String audio, String... inputs) throws Exception {
    return part(TestMedia::ffmpeg, out, seconds, graph, audio, inputs);
  }

  private static Path part(Ffmpeg ffmpeg, Path out, double seconds, String graph, String audio, String... inputs)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(inputs));
    args.addAll(List.of("-filter_complex", graph, "-map", "[v]", "-map", audio, "-c:v", "libx264", "-preset",
        "ultrafast", "-crf", "18", "-c:a", "pcm_s16le", "-ar", "16000", "-ac", "1", "-t", String.valueOf(seconds),
        "-f", "matroska"));
    return ffmpeg.run(out, args.toArray(String[]::new));
  }

  /** The parts one after another in {@code out} (ffmpeg's concat demuxer, streams copied). */
  static Path concat(List<Path> parts, Path out) throws Exception {
    return concat(parts, out, TestMedia::ffmpeg);
  }

  private static Path concat(List<Path> parts, Path out, Ffmpeg ffmpeg) throws IOException, InterruptedException {
    StringBuilder list = new StringBuilder();
    for (Path p : parts) list.append("file '").append(p.toAbsolutePath()).append("'\n");
    Path listFile = Files.writeString(out.resolveSibling(out.getFileName() + ".txt"), list.toString());
    return ffmpeg.run(out, "-f", "concat", "-safe", "0", "-i", listFile.toString(), "-c", "copy");
  }
}
