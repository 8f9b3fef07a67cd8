package io.screenalytics.asd.frontend;

import io.screenalytics.vision.detect.Detection;

/**
 * A face box of one video frame of a track, in pixels of that frame: top-left corner and size. Immutable.
 *
 * @param x left edge
 * @param y top edge
 * @param w width, {@code > 0}
 * @param h height, {@code > 0}
 */
public record TrackBox(float x, float y, float w, float h) {

  /** Validates; throws {@link IllegalArgumentException} for a non-finite value or a size that is not positive. */
  public TrackBox {
    if (!Float.isFinite(x) || !Float.isFinite(y) || !(w > 0) || !(h > 0) || !Float.isFinite(w) || !Float.isFinite(h)) {
      throw new IllegalArgumentException("invalid face box: " + x + ", " + y + ", " + w + "x" + h);
    }
  }

  /** The box of a detection ({@code x1, y1, x2, y2} to corner and size). */
  public static TrackBox of(Detection detection) {
    float[] b = detection.bboxXyxy();
    return new TrackBox(b[0], b[1], b[2] - b[0], b[3] - b[1]);
  }
}
