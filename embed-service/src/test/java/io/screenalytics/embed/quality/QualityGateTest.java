package io.screenalytics.embed.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.embed.testing.Degrade;
import io.screenalytics.embed.testing.RealFaces;
import io.screenalytics.vision.quality.CropQuality;
import io.screenalytics.vision.quality.QualityMeasures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quality gate at its defaults on real aligned crops of ../shared/faces and degraded copies of them. */
class QualityGateTest {

  private static final QualityGate GATE = QualityGate.defaults();
  private static final List<RealFaces.Face> SHARP = new ArrayList<>();

  @BeforeAll
  static void alignRealFaces() {
    List<String> photos = new ArrayList<>(List.of("faces/face_recognition/examples/obama.jpg",
        "faces/face_recognition/examples/biden.jpg", "faces/face_recognition/examples/lin-manuel-miranda.png",
        "faces/facenet_pytorch/paul_rudd_1.jpg", "faces/facenet_pytorch/kate_siegel_1.jpg"));
    photos.addAll(RealFaces.deepfacePhotos().subList(0, 10));
    for (String p : photos) {
      SHARP.add(RealFaces.primary(p));
    }
  }

  @Test
  void shouldPassEverySharpWellLitRealFace() {
    for (RealFaces.Face f : SHARP) {
      assertThat(reject(f.crop(), f.detScore())).as(f.photo() + " " + f.quality()).isEmpty();
    }
  }

  @Test
  void shouldRejectRealFacesBlurredOutOfRecognition() {
    // Given every real face blurred with a Gaussian of sigma 6 px (cosine to its original embedding <= 0.15)
    for (RealFaces.Face f : SHARP) {
      byte[] blurred = Degrade.blur(f.crop(), 6.0);
      // Then the blur gate takes it, while contrast is still fine
      assertThat(reject(blurred, f.detScore())).as(f.photo()).contains("blur<" + QualityGate.DEFAULT_MIN_BLUR);
      assertThat(QualityMeasures.measure(blurred, 112, 112).contrast()).isGreaterThan(8f);
    }
  }

  @Test
  void shouldKeepMildlyBlurredFaces() {
    // Given a blur of sigma 1.5 px: the embedding stays close to the original (median cosine ~0.9)
    for (RealFaces.Face f : SHARP) {
      assertThat(reject(Degrade.blur(f.crop(), 1.5), f.detScore())).as(f.photo()).isEmpty();
    }
  }

  @Test
  void shouldRejectWashedOutAndDarkFacesOnContrast() {
    for (RealFaces.Face f : SHARP) {
      // Given contrast cut to 5% around the mean grey, and exposure cut to 5%
      assertThat(reject(Degrade.contrast(f.crop(), 0.05), f.detScore())).as(f.photo())
          .contains("contrast<" + QualityGate.DEFAULT_MIN_CONTRAST);
      assertThat(reject(Degrade.dark(f.crop(), 0.05), f.detScore())).as(f.photo())
          .contains("contrast<" + QualityGate.DEFAULT_MIN_CONTRAST);
    }
  }

  @Test
  void shouldRejectLowDetectionScoresAndWrongCropSizesFirst() {
    RealFaces.Face f = SHARP.get(0);
    assertThat(reject(f.crop(), 0.5f)).contains("det_score<0.6");
    // a crop of the wrong size is reported as such whatever its other measures
    assertThat(GATE.reject(0.1, 0, 0, 100, 112, 112)).contains(QualityGate.CROP_SIZE);
    assertThat(GATE.reject(0.9, 50, 500, 112 * 112 * 3, 112, 112)).isEmpty();
  }

  @Test
  void shouldRefuseInvalidThresholds() {
    assertThatThrownBy(() -> new QualityGate(1.5, -1, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minDetScore").hasMessageContaining("minContrast").hasMessageContaining("minBlur");
  }

  private static Optional<String> reject(byte[] crop, float detScore) {
    CropQuality q = QualityMeasures.measure(crop, 112, 112);
    return GATE.reject(detScore, q.contrast(), q.blur(), crop.length, 112, 112);
  }
}
