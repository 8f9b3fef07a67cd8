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
 * @param sceneCutTs    times of scene cuts, seconds
 * @param videoUri      where the video came from (path, {@code file://} or {@code s3://}), may be null
 */
public record EpisodeInfo(
    String episodeId,
    double fps,
    int stride,
    double durationS,
    long framesSampled,
    List<Double> sceneCutTs,
    String videoUri) {

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
  }

  /**
   * Seconds one sampled frame stands for: {@code stride / fps} (0.2 s at stride 6 and 30 fps).
   */
  public double secondsPerSampledFrame() {
    return stride / fps;
  }
}
