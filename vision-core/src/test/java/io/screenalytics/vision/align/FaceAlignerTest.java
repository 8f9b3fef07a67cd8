package io.screenalytics.vision.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.OpenCvMats;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.testing.SharedData;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_objdetect.FaceRecognizerSF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

  private static OnnxFaceDetector detector;
  private final FaceAligner aligner = new FaceAligner();

  @BeforeAll
  static void open() {
    detector = OnnxFaceDetector.yunet(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC, DetectorSettings.defaults(),
        SharedData.SESSION);
  }

  @AfterAll
  static void close() {
    detector.close();
  }

  @Test
  void shouldMapTheLandmarksOfARealFaceOntoTheArcFaceTemplate() {
    // Given Obama's detected landmarks
    BgrImage photo = SharedData.photo("faces/face_recognition/examples/obama.jpg");
    Detection face = detector.detect(photo).get(0);

    // When
    double[] m = aligner.estimateTransform(face.landmarks());
    float[] mapped = FaceAligner.transformPoints(m, face.landmarks());

    // Then both eyes land within 4 px of the template, every point within 5 px
    float[] template = FaceAligner.arcfaceTemplate();
    for (int k = 0; k < 5; k++) {
      double err = Math.hypot(mapped[2 * k] - template[2 * k], mapped[2 * k + 1] - template[2 * k + 1]);
      assertThat(err).as("landmark %d error, px", k).isLessThan(k < 2 ? 4.0 : 5.0);
    }
    // and the fit is the least-squares similarity (closed form, as skimage's SimilarityTransform)
    assertThat(m).containsExactly(leastSquaresSimilarity(face.landmarks(), template), offset(1e-4));
    // and the transform is a similarity (no shear): m = [a -b; b a]
    assertThat(m[0]).isCloseTo(m[4], offset(1e-9));
    assertThat(m[1]).isCloseTo(-m[3], offset(1e-9));
  }

  @Test
  void shouldPutTheEyesWhereTheTemplateSaysWhenTheCropIsDetectedAgain() {
    // Given the aligned crop of Biden, pasted in the middle of a 224x224 canvas
    BgrImage photo = SharedData.photo("faces/face_recognition/examples/biden.jpg");
    byte[] crop = aligner.align(photo, detector.detect(photo).get(0).landmarks());
    assertThat(crop).hasSize(112 * 112 * 3);
    BgrImage canvas = BgrImage.black(224, 224);
    for (int y = 0; y < 112; y++) System.arraycopy(crop, y * 112 * 3, canvas.bgr(), ((y + 56) * 224 + 56) * 3, 112 * 3);

    // When YuNet looks at the crop independently
    List<Detection> again = detector.detect(canvas);

    // Then it finds one face whose eyes sit within 4 px of the template
    assertThat(again).hasSize(1);
    float[] lm = again.get(0).landmarks();
    float[] template = FaceAligner.arcfaceTemplate();
    for (int k = 0; k < 2; k++) {
      assertThat(Math.hypot(lm[2 * k] - 56 - template[2 * k], lm[2 * k + 1] - 56 - template[2 * k + 1]))
          .as("eye %d, px", k).isLessThan(4.0);
    }
  }

  @Test
  void shouldMatchOpenCvsOwnArcFaceAlignment() {
    // Given OpenCV's FaceRecognizerSF.alignCrop (its own similarity estimate onto the same template)
    BgrImage photo = SharedData.photo("faces/face_recognition/examples/obama2.jpg");
    Detection face = detector.detect(photo).get(0);
    String model = SharedData.models().locate(ModelCatalog.FR_FEATURE).toString();
    byte[] reference;
    try (FaceRecognizerSF sf = FaceRecognizerSF.create(model, "");
         Mat src = OpenCvMats.toMat(photo); Mat row = new Mat(1, 15, org.bytedeco.opencv.global.opencv_core.CV_32FC1);
         Mat out = new Mat()) {
      try (FloatIndexer idx = row.createIndexer()) {
        float[] b = face.bboxXyxy();
        float[] v = {b[0], b[1], b[2] - b[0], b[3] - b[1]};
        for (int i = 0; i < 4; i++) idx.put(0, i, v[i]);
        for (int i = 0; i < 10; i++) idx.put(0, 4 + i, face.landmarks()[i]);
        idx.put(0, 14, face.score());
      }
      sf.alignCrop(src, row, out);
      reference = OpenCvMats.fromMat(out).bgr();
    }

    // When
    byte[] ours = aligner.align(photo, face.landmarks());

    // Then the crops agree to within a grey level on average (both are least-squares fits)
    long sum = 0;
    for (int i = 0; i < ours.length; i++) sum += Math.abs((ours[i] & 0xff) - (reference[i] & 0xff));
    assertThat((double) sum / ours.length).isLessThan(1.0);
  }

  /** Closed-form least-squares 2-D similarity (Umeyama without reflection): {@code double[6]} row-major. */
  private static double[] leastSquaresSimilarity(float[] src, float[] dst) {
    double sx = 0, sy = 0, dx = 0, dy = 0;
    for (int k = 0; k < 5; k++) {
      sx += src[2 * k] / 5.0;
      sy += src[2 * k + 1] / 5.0;
      dx += dst[2 * k] / 5.0;
      dy += dst[2 * k + 1] / 5.0;
    }
    double dot = 0, cross = 0, norm = 0;
    for (int k = 0; k < 5; k++) {
      double x = src[2 * k] - sx, y = src[2 * k + 1] - sy, u = dst[2 * k] - dx, v = dst[2 * k + 1] - dy;
      dot += x * u + y * v;
      cross += x * v - y * u;
      norm += x * x + y * y;
    }
    double a = dot / norm, b = cross / norm;
    return new double[] {a, -b, dx - a * sx + b * sy, b, a, dy - b * sx - a * sy};
  }

  @Test
  void shouldRejectMissingOrDegenerateLandmarks() {
    assertThatThrownBy(() -> aligner.estimateTransform(new float[4])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("float[10]");
    assertThatThrownBy(() -> aligner.estimateTransform(new float[10])).isInstanceOf(IllegalArgumentException.class);
  }
}
