package io.screenalytics.detecttrack.track;

import java.util.Objects;

/**
 * One detection as the tracker sees it: a box and its detection score (the vision library's {@code Detection}
 * without landmarks, in double precision as the reference ByteTrack computes).
 *
 * @param index opaque caller index (for example the row of the detection in the frame's detector output);
 *     the tracker hands it back on the track matched to this detection, so the caller can crop the
 *     detection's own box and landmarks rather than the Kalman box
 * @param box   detected box, pixels ({@code xyxy}); width and height must be positive
 * @param score detection confidence, usually in [0, 1]
 */
public record ScoredBox(int index, BBox box, double score) {

  /**
   * Validates the detection.
   *
   * @throws NullPointerException     if {@code box} is null
   * @throws IllegalArgumentException if the score is not finite or the box is empty
   */
  public ScoredBox {
    Objects.requireNonNull(box, "box");
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, got " + score);
    }
    if (!(box.width() > 0 && box.height() > 0)) {
      throw new IllegalArgumentException("box must have positive width and height, got " + box);
    }
  }

  /**
   * Shorthand for {@code new ScoredBox(index, new BBox(x1, y1, x2, y2), score)}.
   *
   * @param index opaque caller index
   * @param x1    left, pixels
   * @param y1    top, pixels
   * @param x2    right, pixels
   * @param y2    bottom, pixels
   * @param score detection confidence
   * @return the detection
   */
  public static ScoredBox of(int index, double x1, double y1, double x2, double y2, double score) {
    return new ScoredBox(index, new BBox(x1, y1, x2, y2), score);
  }
}
