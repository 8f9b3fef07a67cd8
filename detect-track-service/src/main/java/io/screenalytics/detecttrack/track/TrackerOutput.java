package io.screenalytics.detecttrack.track;

import java.util.List;

/**
 * What {@link ByteTracker#update} returns for one processed frame.
 *
 * @param frameId       the tracker's 1-based frame counter (number of {@code update} calls)
 * @param tracks        output tracks in the reference's order (see {@link ByteTracker#update})
 * @param endedTrackIds ids of tracks that left the tracker in this frame (removed after being lost, dropped
 *                      as duplicates, or unconfirmed and unmatched); none of them will be output again
 */
public record TrackerOutput(int frameId, List<TrackedBox> tracks, List<Integer> endedTrackIds) {

  /** Makes both lists unmodifiable copies. */
  public TrackerOutput {
    tracks = List.copyOf(tracks);
    endedTrackIds = List.copyOf(endedTrackIds);
  }
}
