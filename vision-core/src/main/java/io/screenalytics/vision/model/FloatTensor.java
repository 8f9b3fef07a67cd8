package io.screenalytics.vision.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float tensor on the Java heap, row-major, used between the pre-processing, run and post-processing
 * steps so that decoders never touch native memory. Not copied on construction: treat as immutable.
 *
 * @param data  values, {@code product(shape)} of them
 * @param shape dimensions, e.g. {@code [1, 3, 384, 640]}
 */
public record FloatTensor(float[] data, long[] shape) {

  /** Checks that the data length matches the shape. */
  public FloatTensor {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(shape, "shape");
    long n = 1;
    for (long d : shape) {
      if (d < 0) throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
  }

  /** The shape as text, for messages: {@code [1, 3, 384, 640]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }

  @Override public boolean equals(Object o) {
    return o instanceof FloatTensor t && Arrays.equals(data, t.data) && Arrays.equals(shape, t.shape);
  }

  @Override public int hashCode() {
    return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
  }

  @Override public String toString() {
    return "FloatTensor" + shapeText();
  }
}
