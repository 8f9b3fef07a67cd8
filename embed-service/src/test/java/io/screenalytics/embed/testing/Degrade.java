package io.screenalytics.embed.testing;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.OpenCvMats;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Degraded copies of real crops: out of focus, washed out, dark. */
public final class Degrade {

  private Degrade() {}

  /** Gaussian blur of standard deviation {@code sigma} pixels (OpenCV, kernel from sigma). */
  public static byte[] blur(byte[] crop, double sigma) {
    try (Mat m = OpenCvMats.toMat(new BgrImage(112, 112, crop)); Mat out = new Mat(); Size auto = new Size(0, 0)) {
      GaussianBlur(m, out, auto, sigma);
      return OpenCvMats.fromMat(out).bgr();
    }
  }

  /** Pixel values pulled towards the crop's mean grey: {@code mean + factor * (x - mean)} (contrast x factor). */
  public static byte[] contrast(byte[] crop, double factor) {
    double mean = 0;
    for (byte b : crop) {
      mean += b & 0xff;
    }
    mean /= crop.length;
    byte[] out = new byte[crop.length];
    for (int i = 0; i < crop.length; i++) {
      out[i] = (byte) Math.max(0, Math.min(255, Math.round(mean + factor * ((crop[i] & 0xff) - mean))));
    }
    return out;
  }

  /** Under-exposed: every value times {@code factor} (contrast and brightness both scaled). */
  public static byte[] dark(byte[] crop, double factor) {
    byte[] out = new byte[crop.length];
    for (int i = 0; i < crop.length; i++) {
      out[i] = (byte) Math.round((crop[i] & 0xff) * factor);
    }
    return out;
  }
}
