package io.screenalytics.detecttrack.track;

import io.screenalytics.schemas.ClosedTrack;
import java.util.List;

/**
 * What {@link EpisodeTracker} returns for one frame (or at {@link EpisodeTracker#finish()}).
 *
 * @param tracks  this frame's output tracks with their matched detections (empty from {@code finish()})
 * @param closed  tracks closed at this frame, long enough to keep
 * @param dropped tracks closed at this frame that were too short; drop their outputs
 */
public record EpisodeStep(List<TrackedBox> tracks, List<ClosedTrack> closed, List<DroppedTrack> dropped) {

  /** Makes all lists unmodifiable copies. */
  public EpisodeStep {
    tracks = List.copyOf(tracks);
    closed = List.copyOf(closed);
    dropped = List.copyOf(dropped);
  }
}
