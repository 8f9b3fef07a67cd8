package io.screenalytics.detecttrack.track;

/**
 * An axis-aligned box in image pixels: top-left corner {@code (x1, y1)} and bottom-right corner
 * {@code (x2, y2)} ({@code xyxy}, the reference's {@code tlbr}). Coordinates may be fractional and are not
 * clipped to the image.
 *
 * @param x1 left edge, pixels
 * @param y1 top edge, pixels
 * @param x2 right edge, pixels
 * @param y2 bottom edge, pixels
 */
public record BBox(double x1, double y1, double x2, double y2) {

  /**
   * Checks that every coordinate is finite.
   *
   * @throws IllegalArgumentException if a coordinate is NaN or infinite
   */
  public BBox {
    if (!(Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2))) {
      throw new IllegalArgumentException(
          "box coordinates must be finite: (" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + ")");
    }
  }

  /**
   * Box from top-left corner and size ({@code tlwh}), with {@code x2 = x + w} and {@code y2 = y + h} as
   * the reference's {@code tlwh_to_tlbr} computes them.
   *
   * @param x left edge, pixels
   * @param y top edge, pixels
   * @param w width, pixels
   * @param h height, pixels
   * @return the box in {@code xyxy}
   */
  public static BBox ofTlwh(double x, double y, double w, double h) {
    return new BBox(x, y, x + w, y + h);
  }

  /** Width {@code x2 - x1}, pixels. */
  public double width() {
    return x2 - x1;
  }

  /** Height {@code y2 - y1}, pixels. */
  public double height() {
    return y2 - y1;
  }

  /** The box as {@code [x1, y1, w, h]} (pixels), a new array of 4. */
  public double[] tlwh() {
    return new double[] {x1, y1, x2 - x1, y2 - y1};
  }

  /** The box as the schema's {@code bbox_xyxy}: {@code float[4]} x1, y1, x2, y2, pixels. */
  public java.util.List<Float> xyxy() {
    return java.util.List.of((float) x1, (float) y1, (float) x2, (float) y2);
  }
}
