package io.screenalytics.vision.align;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.OpenCvMats;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Warps a face to the 112x112 ArcFace crop from its five landmarks: the least-squares similarity transform
 * (rotation, uniform scale, translation) onto the ArcFace template, then {@code warpAffine} (bilinear, black
 * border), as insightface's {@code face_align.norm_crop} ({@code arcface_torch},
 * {@code python-package/insightface/utils/face_align.py}: skimage {@code SimilarityTransform}, i.e. Umeyama least
 * squares) and OpenCV's {@code FaceRecognizerSF.alignCrop}. The embedders in {@code shared/models/MODELS.md}
 * expect exactly this crop.
 *
 * <p>The fit is OpenCV {@code estimateAffinePartial2D} with every point an inlier, which its refinement turns
 * into the least-squares solution. LMEDS was measured and rejected: on real YuNet landmarks it fits three or
 * four points exactly and leaves the nose or mouth 7-9 px off the template (obama2.jpg, deepface img1.jpg),
 * where least squares keeps every point within about 5 px, as the embedders were trained.
 *
 * <p>Stateless and thread-safe.
 */
public final class FaceAligner {

  /**
   * RANSAC reprojection threshold, crop pixels: larger than any residual, so all five points are inliers and
   * OpenCV's Levenberg-Marquardt refinement converges to the least-squares similarity.
   */
  private static final double ALL_INLIERS = 1e4;
  /** Side of the aligned crop, pixels. */
  public static final int CROP_SIZE = 112;

  /**
   * insightface's {@code arcface_dst}: where the five landmarks land in the 112x112 crop, {@code float[10]}
   * x, y pairs: right eye, left eye, nose tip, right mouth corner, left mouth corner (image left first).
   */
  private static final float[] ARCFACE_TEMPLATE = {
      38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f, 92.2041f};

  /** The ArcFace template, {@code float[10]} in crop pixels (a copy). */
  public static float[] arcfaceTemplate() {
    return ARCFACE_TEMPLATE.clone();
  }

  /**
   * The similarity transform taking the landmarks onto the template.
   *
   * @param landmarks {@code float[10]} five (x, y) points in image pixels, as {@link io.screenalytics.vision.detect.Detection#landmarks()}
   * @return {@code double[6]}, the 2x3 matrix row-major: crop = M * (x, y, 1)
   * @throws IllegalArgumentException when there are not 10 values or no transform can be fitted (degenerate points)
   */
  public double[] estimateTransform(float[] landmarks) {
    if (landmarks == null || landmarks.length != 10) {
      throw new IllegalArgumentException("Alignment needs float[10] landmarks, got "
          + (landmarks == null ? "null" : landmarks.length + " values"));
    }
    try (Mat src = points(landmarks); Mat dst = points(ARCFACE_TEMPLATE); Mat inliers = new Mat();
         Mat m = estimateAffinePartial2D(src, dst, inliers, RANSAC, ALL_INLIERS, 2000, 0.99, 10)) {
      if (m == null || m.isNull() || m.empty()) {
        throw new IllegalArgumentException("No similarity transform fits the landmarks (degenerate points)");
      }
      double[] out = new double[6];
      try (DoubleIndexer idx = m.createIndexer()) {
        for (int i = 0; i < 6; i++) out[i] = idx.get(i / 3, i % 3);
      }
      for (double v : out) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("Similarity fit is not finite (degenerate points)");
      }
      return out;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException openCvError) {
      throw new IllegalArgumentException("No similarity transform fits the landmarks: " + openCvError.getMessage(), openCvError);
    }
  }

  /**
   * The aligned 112x112 crop of one face.
   *
   * @param image     the frame the landmarks were found in
   * @param landmarks {@code float[10]} in that frame's pixels
   * @return packed BGR24, {@code 112 * 112 * 3} bytes
   */
  public byte[] align(BgrImage image, float[] landmarks) {
    return alignAll(image, List.of(landmarks)).get(0);
  }

  /** {@link #align} as an image. */
  public BgrImage alignImage(BgrImage image, float[] landmarks) {
    return new BgrImage(CROP_SIZE, CROP_SIZE, align(image, landmarks));
  }

  /**
   * Aligned crops of several faces of one frame, converting the frame to OpenCV once.
   *
   * @return one packed BGR24 {@code 112 * 112 * 3} byte array per landmark set, in order
   */
  public List<byte[]> alignAll(BgrImage image, List<float[]> landmarkSets) {
    List<double[]> transforms = new ArrayList<>(landmarkSets.size());
    for (float[] lm : landmarkSets) transforms.add(estimateTransform(lm));
    List<byte[]> crops = new ArrayList<>(landmarkSets.size());
    try (Mat frame = OpenCvMats.toMat(image); Size size = new Size(CROP_SIZE, CROP_SIZE);
         Scalar black = new Scalar(0.0)) {
      for (double[] t : transforms) {
        try (Mat m = new Mat(2, 3, org.bytedeco.opencv.global.opencv_core.CV_64FC1); Mat crop = new Mat()) {
          try (DoubleIndexer idx = m.createIndexer()) {
            for (int i = 0; i < 6; i++) idx.put(i / 3, i % 3, t[i]);
          }
          warpAffine(frame, crop, m, size, INTER_LINEAR, BORDER_CONSTANT, black);
          crops.add(OpenCvMats.fromMat(crop).bgr());
        }
      }
    }
    return crops;
  }

  /** Applies a {@code double[6]} 2x3 transform to {@code float[2k]} points. */
  public static float[] transformPoints(double[] m, float[] points) {
    float[] out = new float[points.length];
    for (int i = 0; i < points.length; i += 2) {
      out[i] = (float) (m[0] * points[i] + m[1] * points[i + 1] + m[2]);
      out[i + 1] = (float) (m[3] * points[i] + m[4] * points[i + 1] + m[5]);
    }
    return out;
  }

  private static Mat points(float[] xy) {
    Mat m = new Mat(xy.length / 2, 2, CV_32FC1);
    try (FloatIndexer idx = m.createIndexer()) {
      for (int i = 0; i < xy.length / 2; i++) {
        idx.put(i, 0, xy[2 * i]);
        idx.put(i, 1, xy[2 * i + 1]);
      }
    }
    return m;
  }
}
