package io.screenalytics.identities.screentime;

import io.screenalytics.identities.episode.EpisodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Who is on screen when, as time intervals built from sampled frames.
 *
 * <p>Each sampled frame where an identity has a detected face stands for {@code [ts, ts + stride/fps)},
 * the same rule as screen time ({@code ScreenTimeCalculator}), cut at the episode's end; frames at most {@code stride} source
 * frames apart join into one interval, so a gap (a sampled frame without a detection) splits it. The
 * intervals of an identity therefore add up to its visible seconds. Stateless and thread-safe.
 */
public final class Timeline {

  /**
   * One interval on screen.
   *
   * @param start seconds
   * @param end   seconds, &gt; start
   */
  public record Segment(double start, double end) {}

  /** A sampled frame with a detection: source frame index and its time, seconds. */
  public record Frame(long frameIdx, double ts) {}

  private Timeline() {}

  /**
   * Joins frames into intervals.
   *
   * @param frames          distinct sampled frames in ascending frame order
   * @param stride          source frames between sampled frames, &gt;= 1
   * @param secondsPerFrame seconds one sampled frame stands for ({@code stride / fps}), &gt; 0
   * @return intervals in time order
   */
  public static List<Segment> segments(List<Frame> frames, int stride, double secondsPerFrame) {
    return segments(frames, stride, ts -> ts + secondsPerFrame);
  }

  /**
   * Joins an episode's frames into intervals, each frame's ending where screen time says
   * ({@link EpisodeInfo#sampledFrameEnd(double)}: {@code stride / fps} later, never past the episode's end).
   *
   * @param frames  distinct sampled frames in ascending frame order
   * @param episode the episode's stride, fps and duration
   * @return intervals in time order
   */
  public static List<Segment> segments(List<Frame> frames, EpisodeInfo episode) {
    return segments(frames, episode.stride(), episode::sampledFrameEnd);
  }

  private static List<Segment> segments(List<Frame> frames, int stride, DoubleUnaryOperator frameEnd) {
    List<Segment> out = new ArrayList<>();
    Frame runStart = null;
    Frame previous = null;
    for (Frame f : frames) {
      if (previous != null && f.frameIdx() - previous.frameIdx() > stride) {
        out.add(new Segment(runStart.ts(), frameEnd.applyAsDouble(previous.ts())));
        runStart = null;
      }
      if (runStart == null) {
        runStart = f;
      }
      previous = f;
    }
    if (runStart != null) {
      out.add(new Segment(runStart.ts(), frameEnd.applyAsDouble(previous.ts())));
    }
    return out;
  }
}
