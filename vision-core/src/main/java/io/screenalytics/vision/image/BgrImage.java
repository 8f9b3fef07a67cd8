package io.screenalytics.vision.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit colour image, packed BGR24 (OpenCV's and FFmpeg's {@code bgr24}): row-major, no row padding,
 * {@code bgr[(y * width + x) * 3 + c]} with {@code c} 0 = blue, 1 = green, 2 = red.
 *
 * <p>The array is not copied: treat instances as immutable and copy before mutating.
 *
 * @param width  pixels, at least 1
 * @param height pixels, at least 1
 * @param bgr    {@code width * height * 3} bytes
 */
public record BgrImage(int width, int height, byte[] bgr) {

  /** Checks the dimensions against the buffer length. */
  public BgrImage {
    Objects.requireNonNull(bgr, "bgr");
    if (width < 1 || height < 1) throw new IllegalArgumentException("Image size must be positive: " + width + "x" + height);
    if ((long) width * height * 3 != bgr.length) {
      throw new IllegalArgumentException("A " + width + "x" + height + " BGR24 image needs " + ((long) width * height * 3)
          + " bytes, got " + bgr.length);
    }
  }

  /** A black image. */
  public static BgrImage black(int width, int height) {
    return new BgrImage(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
  }

  /** Channel {@code c} (0 B, 1 G, 2 R) of pixel (x, y), 0..255. */
  public int at(int x, int y, int c) {
    return bgr[(y * width + x) * 3 + c] & 0xff;
  }

  /** The longer side in pixels. */
  public int longSide() {
    return Math.max(width, height);
  }

  @Override public boolean equals(Object o) {
    return o instanceof BgrImage b && width == b.width && height == b.height && Arrays.equals(bgr, b.bgr);
  }

  @Override public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(bgr);
  }

  @Override public String toString() {
    return "BgrImage[" + width + "x" + height + "]";
  }
}
