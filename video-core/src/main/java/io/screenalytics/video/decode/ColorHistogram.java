package io.screenalytics.video.decode;

import io.screenalytics.vision.image.PixelFormat;

/**
 * A normalised joint HSV colour histogram of a frame, computed on a coarse pixel grid, and the Bhattacharyya
 * distance between two of them. Pure Java; cost is independent of the frame size (about 128 x 72 pixels are
 * read from a 16:9 frame).
 *
 * <p>Bins: 8 hue x 4 saturation x 4 value = 128. Hue is binned for grey pixels too; their hue is 0, so they
 * land in the red bins, separated from real reds by the saturation bins.
 */
final class ColorHistogram {

  static final int HUE_BINS = 8;
  static final int SAT_BINS = 4;
  static final int VAL_BINS = 4;
  static final int BINS = HUE_BINS * SAT_BINS * VAL_BINS;
  /** Pixels read across a row; the grid step is {@code width / GRID_COLUMNS} in both directions. */
  static final int GRID_COLUMNS = 128;

  private ColorHistogram() {
  }

  /**
   * @return {@link #BINS} bin weights summing to 1
   */
  static double[] of(DecodedFrame frame) {
    byte[] pixels = frame.pixels();
    boolean planar = frame.format() == PixelFormat.YUVJ420P;
    int width = frame.width();
    int height = frame.height();
    int chromaWidth = PixelFormat.chromaSide(width);
    int cbPlane = width * height;
    int crPlane = cbPlane + chromaWidth * PixelFormat.chromaSide(height);
    int step = Math.max(1, width / GRID_COLUMNS);
    int[] counts = new int[BINS];
    int samples = 0;
    for (int y = step / 2; y < height; y += step) {
      for (int x = step / 2; x < width; x += step) {
        if (planar) {
          int chroma = (y / 2) * chromaWidth + x / 2;
          counts[binYcbcr(pixels[y * width + x] & 0xff, pixels[cbPlane + chroma] & 0xff,
              pixels[crPlane + chroma] & 0xff)]++;
        } else {
          int i = (y * width + x) * 3;
          counts[bin(pixels[i] & 0xff, pixels[i + 1] & 0xff, pixels[i + 2] & 0xff)]++;
        }
        samples++;
      }
    }
    double[] histogram = new double[BINS];
    for (int b = 0; b < BINS; b++) {
      histogram[b] = (double) counts[b] / samples;
    }
    return histogram;
  }

  /**
   * The HSV bin of one full-range YCbCr pixel, converted to RGB with the JFIF equations (ITU-T T.871, BT.601
   * matrix), rounded and clamped to 0..255.
   */
  static int binYcbcr(int luma, int cb, int cr) {
    double red = luma + 1.402 * (cr - 128);
    double green = luma - 0.344136 * (cb - 128) - 0.714136 * (cr - 128);
    double blue = luma + 1.772 * (cb - 128);
    return bin(clamp(blue), clamp(green), clamp(red));
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  /** The HSV bin of one pixel; hexcone model, as OpenCV's {@code COLOR_BGR2HSV}. */
  static int bin(int blue, int green, int red) {
    int max = Math.max(red, Math.max(green, blue));
    int min = Math.min(red, Math.min(green, blue));
    int chroma = max - min;
    int hueBin = 0;
    if (chroma > 0) {
      double sector; // hue / 60 degrees, in [0, 6)
      if (max == red) {
        sector = (double) (green - blue) / chroma;
        if (sector < 0) {
          sector += 6;
        }
      } else if (max == green) {
        sector = (double) (blue - red) / chroma + 2;
      } else {
        sector = (double) (red - green) / chroma + 4;
      }
      hueBin = Math.min(HUE_BINS - 1, (int) (sector * HUE_BINS / 6));
    }
    int satBin = max == 0 ? 0 : Math.min(SAT_BINS - 1, chroma * SAT_BINS / max);
    int valBin = max * VAL_BINS / 256;
    return (hueBin * SAT_BINS + satBin) * VAL_BINS + valBin;
  }

  /**
   * Bhattacharyya (Hellinger) distance between two normalised histograms, {@code sqrt(1 - sum sqrt(p q))},
   * as OpenCV's {@code HISTCMP_BHATTACHARYYA}: 0 for identical histograms, 1 for disjoint ones.
   */
  static double bhattacharyya(double[] p, double[] q) {
    double coefficient = 0;
    for (int b = 0; b < p.length; b++) {
      coefficient += Math.sqrt(p[b] * q[b]);
    }
    return Math.sqrt(Math.max(0, 1 - coefficient));
  }
}
