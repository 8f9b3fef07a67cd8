package io.screenalytics.asd.span;

import java.util.List;

/**
 * A stretch of an episode the active speaker stage scores densely: speech (padded) while the same two or more face
 * tracks are on screen throughout. Immutable.
 *
 * @param index    0-based, in time order
 * @param startS   seconds from the start of the episode
 * @param endS     seconds, exclusive
 * @param trackIds the tracks on screen over the whole span, ascending
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
