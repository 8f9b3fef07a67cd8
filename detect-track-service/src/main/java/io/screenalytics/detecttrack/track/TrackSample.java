package io.screenalytics.detecttrack.track;

import java.util.Objects;

/**
 * One frame of a closed track: the detection the track was matched to in that frame.
 *
 * @param frameIdx  episode frame index, as passed to {@link EpisodeTracker#onFrame}
 * @param tsSeconds frame timestamp, seconds
 * @param box       the matched detection's box (not the Kalman box), pixels {@code xyxy}
 * @param detScore  the matched detection's score
 */
public record TrackSample(long frameIdx, double tsSeconds, BBox box, double detScore) {

  /** Checks for a null box. */
  public TrackSample {
    Objects.requireNonNull(box, "box");
  }
}
