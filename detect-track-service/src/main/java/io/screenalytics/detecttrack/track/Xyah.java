package io.screenalytics.detecttrack.track;

/**
 * A box as the Kalman filter measures it: centre, aspect ratio and height (DeepSORT's {@code xyah}).
 *
 * @param cx     centre x, pixels
 * @param cy     centre y, pixels
 * @param aspect width / height, dimensionless
 * @param height height, pixels
 */
public record Xyah(double cx, double cy, double aspect, double height) {

  /**
   * Converts a {@code tlwh} box, in the reference's order of operations ({@code STrack.tlwh_to_xyah}):
   * {@code cx = x + w/2, cy = y + h/2, a = w/h}.
   *
   * @param x left, pixels
   * @param y top, pixels
   * @param w width, pixels
   * @param h height, pixels (must be non-zero)
   * @return the measurement
   */
  public static Xyah fromTlwh(double x, double y, double w, double h) {
    return new Xyah(x + w / 2, y + h / 2, w / h, h);
  }

  /**
   * Converts an {@code xyxy} box via its {@code tlwh} form.
   *
   * @param box the box, pixels
   * @return the measurement
   */
  public static Xyah fromBox(BBox box) {
    return fromTlwh(box.x1(), box.y1(), box.x2() - box.x1(), box.y2() - box.y1());
  }

  /**
   * The box this measurement describes, computed as the reference's {@code STrack.tlwh} then
   * {@code tlwh_to_tlbr}: {@code w = a*h, x = cx - w/2, y = cy - h/2, x2 = x + w, y2 = y + h}.
   *
   * @return the box, pixels
   */
  public BBox toBox() {
    double w = aspect * height;
    double x = cx - w / 2;
    double y = cy - height / 2;
    return BBox.ofTlwh(x, y, w, height);
  }
}
