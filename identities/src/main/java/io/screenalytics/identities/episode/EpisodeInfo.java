package io.screenalytics.identities.episode;

import io.screenalytics.store.EpisodeIds;
import java.util.List;
import java.util.Objects;

/**
 * What assembly needs to know about an episode as a whole.
 *
 * @param episodeId     validated id (see {@link EpisodeId})
 * @param fps           source frame rate, frames per second, &gt; 0
 * @param stride        every {@code stride}-th source frame was sampled, &gt;= 1
 * @param durationS     episode duration, seconds, &gt;= 0
 * @param framesSampled sampled frames processed by detect-track
 * @param sceneCutTs    times of scene cuts, seconds on the ts timeline (the container's, as a player shows it): each
 *                      the ts of the first frame of the new shot
 * @param sceneCutFrameIdx frame_idx of each scene cut's first frame, beside {@code sceneCutTs} (same length), or
 *                      empty when the episode's records did not carry them
 * @param transitions   fades the decoder found, in order (reported apart from the cuts), possibly empty
 * @param videoUri      where the video came from (path, {@code file://} or {@code s3://}), may be null
 */
public record EpisodeInfo(
    String episodeId,
    double fps,
    int stride,
    double durationS,
    long framesSampled,
    List<Double> sceneCutTs,
    List<Long> sceneCutFrameIdx,
    List<Transition> transitions,
    String videoUri) {

  /** An episode whose scene cuts carry no frame indices. */
  public EpisodeInfo(String episodeId, double fps, int stride, double durationS, long framesSampled,
      List<Double> sceneCutTs, String videoUri) {
    this(episodeId, fps, stride, durationS, framesSampled, sceneCutTs, List.of(), List.of(), videoUri);
  }

  public EpisodeInfo {
    EpisodeIds.validate(episodeId);
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("fps must be > 0, got " + fps);
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1, got " + stride);
    }
    if (!(durationS >= 0)) {
      throw new IllegalArgumentException("duration_s must be >= 0, got " + durationS);
    }
    sceneCutTs = List.copyOf(Objects.requireNonNull(sceneCutTs, "scene_cut_ts"));
    sceneCutFrameIdx = sceneCutFrameIdx == null ? List.of() : List.copyOf(sceneCutFrameIdx);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
    if (!sceneCutFrameIdx.isEmpty() && sceneCutFrameIdx.size() != sceneCutTs.size()) {
      throw new IllegalArgumentException("scene_cut_frame_idx has " + sceneCutFrameIdx.size() + " entries for "
          + sceneCutTs.size() + " scene cuts");
    }
  }

  /**
   * Seconds one sampled frame stands for: {@code stride / fps} (0.2 s at stride 6 and 30 fps).
   */
  public double secondsPerSampledFrame() {
    return stride / fps;
  }

  /**
   * Where the screen time of a sampled frame at {@code ts} ends: {@code ts + stride / fps}, but never past the
   * episode's end ({@code durationS}, the end of the last decoded frame on the ts timeline, or the container's end
   * when later; see the decoder), so the last sampled frame counts only up to the end of the video, not a whole
   * stride past it. Without a known duration (0) nothing is cut.
   *
   * @param ts the sampled frame's time, seconds on the ts timeline
   * @return seconds on the same timeline, &gt;= {@code ts}
   */
  public double sampledFrameEnd(double ts) {
    double end = ts + secondsPerSampledFrame();
    return durationS > 0 ? Math.max(ts, Math.min(end, durationS)) : end;
  }
}
