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
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class RetinaFaceTranslatorTest {

  private static final ModelSpec SPEC = ModelCatalog.RETINAFACE_MNET025;
  /** The same decoding on a 64x64 graph, to keep the hand-made outputs small. */
  private static final ModelSpec SMALL = new ModelSpec("retinaface_64", ModelKind.FACE_DETECTOR, "x.onnx", null, null,
      SPEC.image().withSize(64, 64), SPEC.inputName(), SPEC.outputNames(), 0);

  @Test
  void shouldCount16800PriorsAt640() {
    assertThat(RetinaFaceTranslator.priorCount(640, 640)).isEqualTo(16_800);
    assertThat(RetinaFaceTranslator.priorCount(64, 64)).isEqualTo(8 * 8 * 2 + 4 * 4 * 2 + 2 * 2 * 2);
  }

  @Test
  void shouldLetterboxIntoTheFixedInputAsBgrMinusTheMeans() {
    // Given a 1280x720 frame whose top-left pixel is B=110, G=120, R=130
    BgrImage image = BgrImage.black(1280, 720);
    RetinaFaceTranslator retina = new RetinaFaceTranslator(SPEC, DetectorSettings.defaults());
    byte[] bgr = image.bgr();
    for (int i = 0; i < bgr.length; i += 3) {
      bgr[i] = 110;
      bgr[i + 1] = 120;
      bgr[i + 2] = (byte) 130;
    }

    DetectorInput in = retina.preprocess(image);

    // Then: 640x360 at the top of a 640x640 input, planes B, G, R minus (104, 117, 123), black below
    assertThat(in.tensor().shape()).containsExactly(1, 3, 640, 640);
    float[] t = in.tensor().data();
    int plane = 640 * 640;
    assertThat(new float[] {t[0], t[plane], t[2 * plane]}).containsExactly(6f, 3f, 7f);
    int below = 400 * 640;
    assertThat(new float[] {t[below], t[plane + below], t[2 * plane + below]}).containsExactly(-104f, -117f, -123f);
    assertThat(in.letterbox().scaleX()).isEqualTo(0.5f);
    assertThat(in.letterbox().toSourceY(359f)).isEqualTo(718f);
  }

  @Test
  void shouldDecodeOnePriorWithTheVariances() {
    // Given a 64x64 graph where only the stride-16 prior of side 64 at cell (row 1, col 2) fires
    RetinaFaceTranslator retina = new RetinaFaceTranslator(SMALL, DetectorSettings.defaults());
    Letterbox lb = new Letterbox(0.5f, 0.5f, 0, 0, 64, 64, 128, 128);
    Map<String, FloatTensor> out = emptyOutputs(64, 64);
    int i = 8 * 8 * 2 + (1 * 4 + 2) * 2;  // prior centre (40, 24), side 64
    out.get("572").data()[i * 2] = 0.05f;
    out.get("572").data()[i * 2 + 1] = 0.95f;
    float[] loc = out.get("output0").data();
    loc[i * 4] = 0.5f;                              // cx = 40 + 0.5 * 0.1 * 64 = 43.2
    loc[i * 4 + 1] = -0.25f;                        // cy = 24 - 0.25 * 0.1 * 64 = 22.4
    loc[i * 4 + 2] = (float) (Math.log(0.5) / 0.2); // w = 32
    loc[i * 4 + 3] = 0f;                            // h = 64
    out.get("571").data()[i * 10] = 1f;             // landmark 0 at (40 + 6.4, 24 + 12.8)
    out.get("571").data()[i * 10 + 1] = 2f;

    List<Detection> faces = retina.postprocess(out, lb);

    // Then: input box (27.2, -9.6, 59.2, 54.4) at scale 0.5 -> source (54.4, 0 (clipped), 118.4, 108.8)
    assertThat(faces).hasSize(1);
    Detection d = faces.get(0);
    assertThat(d.score()).isCloseTo(0.95f, offset(1e-6f));
    assertThat(d.bboxXyxy()).containsExactly(new float[] {54.4f, 0f, 118.4f, 108.8f}, offset(1e-3f));
    assertThat(d.landmarks()[0]).isCloseTo(92.8f, offset(1e-3f));
    assertThat(d.landmarks()[1]).isCloseTo(73.6f, offset(1e-3f));
  }

  @Test
  void shouldNameAMisshapenOutput() {
    RetinaFaceTranslator retina = new RetinaFaceTranslator(SPEC, DetectorSettings.defaults());
    Letterbox lb = new Letterbox(1f, 1f, 0, 0, 640, 640, 640, 640);
    assertThatThrownBy(() -> retina.postprocess(emptyOutputs(64, 64), lb))
        .isInstanceOf(InferenceException.class).hasMessageContaining("output0").hasMessageContaining("16800");
  }

  private static Map<String, FloatTensor> emptyOutputs(int width, int height) {
    int p = RetinaFaceTranslator.priorCount(width, height);
    Map<String, FloatTensor> out = new HashMap<>();
    out.put("output0", new FloatTensor(new float[p * 4], new long[] {1, p, 4}));
    out.put("572", new FloatTensor(new float[p * 2], new long[] {1, p, 2}));
    out.put("571", new FloatTensor(new float[p * 10], new long[] {1, p, 10}));
    return out;
  }
}
