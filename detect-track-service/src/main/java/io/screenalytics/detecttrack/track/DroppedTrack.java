package io.screenalytics.detecttrack.track;

import java.util.List;
import java.util.Objects;

/**
 * A track that ended with fewer samples than {@link EpisodeTrackerConfig#minTrackLength()}; it is not
 * emitted as a {@code ClosedTrack}, and the caller should drop whatever it produced for it (for example the
 * face crops keyed by this track id on these frames).
 *
 * @param trackId   track id
 * @param frameIdxs the frames on which the track was output, in order
 * @param endReason why it ended
 */
public record DroppedTrack(int trackId, List<Long> frameIdxs, EndReason endReason) {

  /** Copies the frame list. */
  public DroppedTrack {
    frameIdxs = List.copyOf(frameIdxs);
    Objects.requireNonNull(endReason, "endReason");
  }
}
