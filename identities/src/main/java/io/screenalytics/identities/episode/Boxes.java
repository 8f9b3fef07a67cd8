package io.screenalytics.identities.episode;

import java.util.Objects;

/** Checks shared by every record carrying a box. */
final class Boxes {

  private Boxes() {}

  static void requireBox(float[] bbox) {
    Objects.requireNonNull(bbox, "bbox_xyxy");
    if (bbox.length != 4) {
      throw new IllegalArgumentException("bbox_xyxy must be float[4], got float[" + bbox.length + "]");
    }
  }
}
