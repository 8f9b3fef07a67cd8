package io.screenalytics.vision.quality;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.OpenCvMats;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Computes {@link CropQuality} with OpenCV. Stateless and thread-safe. */
public final class QualityMeasures {

  private QualityMeasures() {
  }

  /** Contrast and blur of a whole image (typically an aligned 112x112 crop). */
  public static CropQuality measure(BgrImage crop) {
    try (Mat bgr = OpenCvMats.toMat(crop); Mat grey = new Mat(); Mat lap = new Mat()) {
      cvtColor(bgr, grey, COLOR_BGR2GRAY);
      Laplacian(grey, lap, CV_64F);
      double contrast = stdDev(grey);
      double lapStd = stdDev(lap);
      return new CropQuality((float) contrast, (float) (lapStd * lapStd));
    }
  }

  /** {@link #measure(BgrImage)} of a packed BGR24 crop of the given size (e.g. 112x112). */
  public static CropQuality measure(byte[] bgr, int width, int height) {
    return measure(new BgrImage(width, height, bgr));
  }

  private static double stdDev(Mat m) {
    try (Mat mean = new Mat(); Mat std = new Mat()) {
      meanStdDev(m, mean, std);
      try (DoubleIndexer idx = std.createIndexer()) {
        return idx.get(0, 0);
      }
    }
  }
}
