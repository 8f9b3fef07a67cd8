package io.screenalytics.asd.span;

import java.util.List;
import java.util.Objects;

/**
 * The logits of every track of one contested span. Immutable by contract (the arrays are not copied).
 *
 * @param span   the span
 * @param tracks one entry per track of the span, in the span's track order
 */
public record ScoredSpan(ContestedSpan span, List<TrackScores> tracks) {

  /**
   * One track's logits over the span.
   *
   * @param trackId the track
   * @param logits  {@code float[frames]} at 25 frames a second from the span's start, {@code >= 0} speaking; may be
   *                shorter than the span where its audio is
   */
  public record TrackScores(int trackId, float[] logits) {
    /** Checks the array. */
    public TrackScores {
      Objects.requireNonNull(logits, "logits");
    }
  }

  /** Copies the list. */
  public ScoredSpan {
    Objects.requireNonNull(span, "span");
    tracks = List.copyOf(tracks);
  }
}
