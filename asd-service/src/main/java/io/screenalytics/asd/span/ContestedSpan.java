package io.screenalytics.asd.span;

import java.util.List;

/**
 * A stretch of an episode the active speaker stage scores densely, with the same face tracks on screen throughout:
 * speech (padded) with two or more tracks, or one side of a change of the single face on screen while the same voice
 * goes on (a voice whose face is in doubt: one track). See {@link SpanPlanner}. Immutable.
 *
 * @param index    0-based, in time order
 * @param startS   seconds from the start of the episode
 * @param endS     seconds, exclusive
 * @param trackIds the tracks on screen over the whole span, ascending (one for a face in doubt)
 */
public record ContestedSpan(int index, double startS, double endS, List<Integer> trackIds) {

  /** Copies the list. */
  public ContestedSpan {
    trackIds = List.copyOf(trackIds);
  }

  /** Seconds. */
  public double seconds() {
    return endS - startS;
  }

  /** Video frames of the span at {@code fps}: frame {@code i} at {@code startS + i / fps}. */
  public int frames(double fps) {
    return (int) Math.floor(seconds() * fps + 1e-9);
  }
}
