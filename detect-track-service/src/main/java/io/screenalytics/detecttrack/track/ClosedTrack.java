package io.screenalytics.detecttrack.track;

import java.util.List;
import java.util.Objects;

/**
 * A finished track of an episode, emitted by {@link EpisodeTracker} once it can no longer grow.
 *
 * @param trackId        track id, unique within the episode
 * @param firstFrameIdx  frame index of the first sample
 * @param firstTs        timestamp of the first sample, seconds
 * @param lastFrameIdx   frame index of the last sample (the last match, not the frame it was closed)
 * @param lastTs         timestamp of the last sample, seconds
 * @param samples        one sample per frame the track was output, in frame order (at least one)
 * @param meanDetScore   mean of the samples' detection scores
 * @param endReason      why it was closed
 */
public record ClosedTrack(
    int trackId,
    long firstFrameIdx,
    double firstTs,
    long lastFrameIdx,
    double lastTs,
    List<TrackSample> samples,
    double meanDetScore,
    EndReason endReason) {

  /**
   * Copies the samples and checks them.
   *
   * @throws IllegalArgumentException if there are no samples
   */
  public ClosedTrack {
    samples = List.copyOf(samples);
    Objects.requireNonNull(endReason, "endReason");
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("track " + trackId + " has no samples");
    }
  }

  /**
   * Builds the record from its samples.
   *
   * @param trackId   track id
   * @param samples   samples in frame order, at least one
   * @param endReason why it was closed
   * @return the record, with first/last fields and mean score derived from the samples
   */
  public static ClosedTrack of(int trackId, List<TrackSample> samples, EndReason endReason) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("track " + trackId + " has no samples");
    }
    TrackSample first = samples.get(0);
    TrackSample last = samples.get(samples.size() - 1);
    double sum = 0;
    for (TrackSample s : samples) {
      sum += s.detScore();
    }
    return new ClosedTrack(
        trackId,
        first.frameIdx(),
        first.tsSeconds(),
        last.frameIdx(),
        last.tsSeconds(),
        samples,
        sum / samples.size(),
        endReason);
  }
}
