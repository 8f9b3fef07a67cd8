package io.screenalytics.vision.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.testing.SharedData;
import org.junit.jupiter.api.Test;

class QualityMeasuresTest {

  @Test
  void shouldGiveZeroContrastAndBlurOnAFlatCrop() {
    BgrImage grey = new BgrImage(112, 112, filled(112 * 112 * 3, (byte) 128));
    CropQuality q = QualityMeasures.measure(grey);
    assertThat(q.contrast()).isCloseTo(0f, offset(1e-4f));
    assertThat(q.blur()).isCloseTo(0f, offset(1e-4f));
  }

  @Test
  void shouldMeasureContrastAsTheGreyStandardDeviation() {
    // Given half black, half white columns: grey std = 127.5
    BgrImage halves = BgrImage.black(112, 112);
    for (int y = 0; y < 112; y++) {
      for (int x = 56; x < 112; x++) for (int c = 0; c < 3; c++) halves.bgr()[(y * 112 + x) * 3 + c] = (byte) 255;
    }
    assertThat(QualityMeasures.measure(halves).contrast()).isCloseTo(127.5f, offset(0.01f));
  }

  @Test
  void shouldScoreARealAlignedFaceSharperThanItsBlurredAndDownscaledCopies() {
    // Given the aligned crop of a real face, and the same face from a 240p copy of the photo
    BgrImage sharp = alignedCrop(SharedData.photo("faces/face_recognition/examples/obama-1080p.jpg"));
    BgrImage soft = alignedCrop(SharedData.photo("faces/face_recognition/examples/obama-240p.jpg"));
    BgrImage blurred = ImageOps.resize(ImageOps.resize(sharp, 28, 28), 112, 112);

    CropQuality q = QualityMeasures.measure(sharp);
    CropQuality qSoft = QualityMeasures.measure(soft);
    CropQuality qBlurred = QualityMeasures.measure(blurred);

    assertThat(q.contrast()).isBetween(20f, 100f);
    assertThat(q.blur()).isGreaterThan(qSoft.blur());
    assertThat(q.blur()).isGreaterThan(3 * qBlurred.blur());
    assertThat(qBlurred.contrast()).isCloseTo(q.contrast(), offset(q.contrast() * 0.2f));
  }

  private static BgrImage alignedCrop(BgrImage photo) {
    try (OnnxFaceDetector detector = OnnxFaceDetector.yunet(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC,
        DetectorSettings.defaults(), SharedData.SESSION)) {
      Detection face = detector.detect(photo).get(0);
      return new FaceAligner().alignImage(photo, face.landmarks());
    }
  }

  private static byte[] filled(int n, byte v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, v);
    return b;
  }
}
