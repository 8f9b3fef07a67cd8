package io.screenalytics.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.InferenceException;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrfdTranslatorTest {

  private static final ModelSpec SPEC = ModelCatalog.SCRFD_500M;
  private final ScrfdTranslator scrfd = new ScrfdTranslator(SPEC, DetectorSettings.defaults().withScoreThreshold(0.5f));

  @Test
  void shouldPlaceTheImageTopLeftOnASquareCanvasAsNormalisedRgbPlanes() {
    // Given a 100x50 image whose pixel (1, 0) is B=10, G=20, R=30
    BgrImage image = BgrImage.black(100, 50);
    image.bgr()[3] = 10;
    image.bgr()[4] = 20;
    image.bgr()[5] = 30;

    DetectorInput in = scrfd.preprocess(image);

    // Then: a 640x640 canvas (never enlarged), planes R, G, B as (x - 127.5) / 128, black padding
    assertThat(in.tensor().shape()).containsExactly(1, 3, 640, 640);
    float[] t = in.tensor().data();
    int plane = 640 * 640;
    assertThat(t[1]).isCloseTo((30 - 127.5f) / 128f, offset(1e-6f));
    assertThat(t[plane + 1]).isCloseTo((20 - 127.5f) / 128f, offset(1e-6f));
    assertThat(t[2 * plane + 1]).isCloseTo((10 - 127.5f) / 128f, offset(1e-6f));
    assertThat(t[639]).isCloseTo(-127.5f / 128f, offset(1e-6f));
    assertThat(in.letterbox().scaleX()).isEqualTo(1f);
    assertThat(in.letterbox().inputWidth()).isEqualTo(640);
  }

  @Test
  void shouldScaleA1080pFrameIntoTheCanvasKeepingItsAspect() {
    DetectorInput big = scrfd.preprocess(BgrImage.black(1920, 1080));
    assertThat(big.tensor().shape()).containsExactly(1, 3, 640, 640);
    assertThat(big.letterbox().scaleY()).isCloseTo(1f / 3f, offset(1e-6f));
    assertThat(big.letterbox().toSourceY(180f)).isCloseTo(540f, offset(1e-3f));
  }

  @Test
  void shouldDecodeOneAnchorIntoADistanceBoxAndLandmarks() {
    // Given a 64x64 canvas where only stride-16 cell (row 1, col 2), anchor 1 fires with 0.9
    Letterbox lb = new Letterbox(0.5f, 0.5f, 0, 0, 64, 64, 128, 128);
    Map<String, FloatTensor> out = emptyOutputs(SPEC, 64, 64);
    int i = (1 * (64 / 16) + 2) * 2 + 1;
    out.get("468").data()[i] = 0.9f;                     // scores, stride 16
    float[] dist = out.get("471").data();                // boxes, stride 16: centre (32, 16)
    dist[i * 4] = 0.5f;                                  // left 8
    dist[i * 4 + 1] = 0.25f;                             // top 4
    dist[i * 4 + 2] = 1f;                                // right 16
    dist[i * 4 + 3] = 2f;                                // bottom 32
    out.get("474").data()[i * 10] = 1f;                  // landmark 0 at (32 + 16, 16 - 8)
    out.get("474").data()[i * 10 + 1] = -0.5f;

    List<Detection> faces = scrfd.postprocess(out, lb);

    // Then: input box (24, 12, 48, 48) at scale 0.5 -> source (48, 24, 96, 96)
    assertThat(faces).hasSize(1);
    Detection d = faces.get(0);
    assertThat(d.score()).isCloseTo(0.9f, offset(1e-6f));
    assertThat(d.bboxXyxy()).containsExactly(new float[] {48f, 24f, 96f, 96f}, offset(1e-4f));
    assertThat(d.landmarks()[0]).isCloseTo(96f, offset(1e-4f));
    assertThat(d.landmarks()[1]).isCloseTo(16f, offset(1e-4f));
  }

  @Test
  void shouldKeepTheBestOfOverlappingAnchorsAndDropLowScores() {
    Letterbox lb = new Letterbox(1f, 1f, 0, 0, 64, 64, 64, 64);
    Map<String, FloatTensor> out = emptyOutputs(SPEC, 64, 64);
    // both anchors of stride-8 cell (3, 3) give the same 16x16 box; anchor 0 scores higher
    for (int a = 0; a < 2; a++) {
      int i = (3 * 8 + 3) * 2 + a;
      out.get("443").data()[i] = a == 0 ? 0.8f : 0.7f;
      for (int k = 0; k < 4; k++) out.get("446").data()[i * 4 + k] = 1f;
    }
    out.get("443").data()[0] = 0.49f; // below the threshold

    List<Detection> faces = scrfd.postprocess(out, lb);

    assertThat(faces).hasSize(1);
    assertThat(faces.get(0).score()).isEqualTo(0.8f);
    assertThat(faces.get(0).bboxXyxy()).containsExactly(16f, 16f, 32f, 32f);
  }

  @Test
  void shouldNameAMissingOrMisshapenOutputAndRejectASpecWithoutNineOutputs() {
    Letterbox lb = new Letterbox(1f, 1f, 0, 0, 64, 64, 64, 64);
    Map<String, FloatTensor> out = emptyOutputs(SPEC, 64, 64);
    out.remove("499");
    assertThatThrownBy(() -> scrfd.postprocess(out, lb)).isInstanceOf(InferenceException.class).hasMessageContaining("499");
    Map<String, FloatTensor> wrong = emptyOutputs(SPEC, 64, 32);
    assertThatThrownBy(() -> scrfd.postprocess(wrong, lb)).isInstanceOf(InferenceException.class).hasMessageContaining("443");
    ModelSpec three = new ModelSpec("x", ModelKind.FACE_DETECTOR, "x.onnx", null, null, SPEC.image(), "input.1",
        List.of("a", "b", "c"), 0);
    assertThatThrownBy(() -> new ScrfdTranslator(three, DetectorSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9 output names");
  }

  /** Zeroed outputs of a {@code width x height} canvas, named as in {@code spec}. */
  static Map<String, FloatTensor> emptyOutputs(ModelSpec spec, int width, int height) {
    Map<String, FloatTensor> out = new HashMap<>();
    int[] widths = {1, 4, 10};
    for (int group = 0; group < 3; group++) {
      for (int level = 0; level < 3; level++) {
        int s = ScrfdTranslator.STRIDES[level];
        int n = (width / s) * (height / s) * ScrfdTranslator.ANCHORS;
        out.put(spec.outputNames().get(group * 3 + level),
            new FloatTensor(new float[n * widths[group]], new long[] {n, widths[group]}));
      }
    }
    return out;
  }
}
