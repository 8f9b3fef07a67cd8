package io.screenalytics.vision.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies between {@link BgrImage} and OpenCV {@link Mat}. Every Mat returned is new, owns its native memory
 * and must be closed by the caller, ideally with try-with-resources:
 * <pre>{@code try (Mat m = OpenCvMats.toMat(image)) { ... }}</pre>
 * Stateless and thread-safe.
 */
public final class OpenCvMats {

  private OpenCvMats() {
  }

  /** A new {@code CV_8UC3} Mat holding a copy of the image. The caller closes it. */
  public static Mat toMat(BgrImage image) {
    Mat mat = new Mat(image.height(), image.width(), CV_8UC3);
    mat.data().put(image.bgr(), 0, image.bgr().length);
    return mat;
  }

  /**
   * Copies a Mat into a new image. Accepts {@code CV_8UC3} (taken as BGR), {@code CV_8UC1} (grey) and
   * {@code CV_8UC4} (BGRA); the Mat is not closed.
   *
   * @throws IllegalArgumentException for empty Mats and other types
   */
  public static BgrImage fromMat(Mat mat) {
    if (mat == null || mat.isNull() || mat.empty()) throw new IllegalArgumentException("Empty Mat");
    int type = mat.type();
    if (type == CV_8UC3) return copyPacked(mat);
    if (type != CV_8UC1 && type != CV_8UC4) {
      throw new IllegalArgumentException("Unsupported Mat type " + type + "; expected CV_8UC3, CV_8UC1 or CV_8UC4");
    }
    try (Mat bgr = new Mat()) {
      cvtColor(mat, bgr, type == CV_8UC1 ? COLOR_GRAY2BGR : COLOR_BGRA2BGR);
      return copyPacked(bgr);
    }
  }

  private static BgrImage copyPacked(Mat mat) {
    byte[] out = new byte[Math.multiplyExact(mat.rows() * mat.cols(), 3)];
    if (mat.isContinuous()) {
      mat.data().get(out, 0, out.length);
    } else {
      try (Mat dense = mat.clone()) {
        dense.data().get(out, 0, out.length);
      }
    }
    return new BgrImage(mat.cols(), mat.rows(), out);
  }
}
