package io.screenalytics.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.InferenceException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YuNetTranslatorTest {

  private final YuNetTranslator yunet = new YuNetTranslator(DetectorSettings.defaults());

  @Test
  void shouldPadToMultiplesOf32WithRawBgrPlanes() {
    // Given a 100x50 image whose pixel (1, 0) is B=10, G=20, R=30
    BgrImage image = BgrImage.black(100, 50);
    image.bgr()[3] = 10;
    image.bgr()[4] = 20;
    image.bgr()[5] = 30;

    DetectorInput in = yunet.preprocess(image);

    assertThat(in.tensor().shape()).containsExactly(1, 3, 64, 128);
    float[] t = in.tensor().data();
    int plane = 64 * 128;
    assertThat(new float[] {t[1], t[plane + 1], t[2 * plane + 1]}).containsExactly(10f, 20f, 30f);
    assertThat(in.letterbox().scaleX()).isEqualTo(1f);
    assertThat(in.letterbox().inputWidth()).isEqualTo(128);
  }

  @Test
  void shouldScaleTheLongSideDownToTheMaximumAndNeverUp() {
    DetectorInput big = yunet.preprocess(BgrImage.black(1920, 1080));
    assertThat(big.tensor().shape()).containsExactly(1, 3, 384, 640);
    assertThat(big.letterbox().scaleX()).isCloseTo(1f / 3f, offset(1e-6f));
    assertThat(big.letterbox().toSourceX(320f)).isCloseTo(960f, offset(1e-3f));
  }

  @Test
  void shouldDecodeOneCellIntoABoxLandmarksAndScore() {
    // Given a 64x64 input where only stride-16 cell (row 1, col 2) fires with cls 0.81 and obj 1.0
    Letterbox lb = new Letterbox(0.5f, 0.5f, 0, 0, 64, 64, 128, 128);
    Map<String, FloatTensor> out = emptyOutputs(64, 64);
    int idx = 1 * (64 / 16) + 2;
    out.get("cls_16").data()[idx] = 0.81f;
    out.get("obj_16").data()[idx] = 1.5f; // clamped to 1
    float[] bbox = out.get("bbox_16").data();
    bbox[idx * 4] = 0.5f;              // cx = (2 + 0.5) * 16 = 40
    bbox[idx * 4 + 1] = 0.25f;         // cy = (1 + 0.25) * 16 = 20
    bbox[idx * 4 + 2] = (float) Math.log(2); // w = 32
    bbox[idx * 4 + 3] = 0f;            // h = 16
    out.get("kps_16").data()[idx * 10] = 1f; // first landmark x = (2 + 1) * 16 = 48, y = (1 + 0) * 16 = 16

    List<Detection> faces = yunet.postprocess(out, lb);

    assertThat(faces).hasSize(1);
    Detection d = faces.get(0);
    assertThat(d.score()).isCloseTo(0.9f, offset(1e-6f));
    // input box (24, 12, 56, 28) at scale 0.5 -> source (48, 24, 112, 56)
    assertThat(d.bboxXyxy()).containsExactly(new float[] {48f, 24f, 112f, 56f}, offset(1e-4f));
    assertThat(d.landmarks()[0]).isCloseTo(96f, offset(1e-4f));
    assertThat(d.landmarks()[1]).isCloseTo(32f, offset(1e-4f));
  }

  @Test
  void shouldDropScoresBelowTheThresholdAndClipBoxesToTheImage() {
    Letterbox lb = new Letterbox(1f, 1f, 0, 0, 64, 64, 60, 60);
    Map<String, FloatTensor> out = emptyOutputs(64, 64);
    out.get("cls_8").data()[0] = 0.35f; // sqrt(0.35) = 0.59 < 0.6
    out.get("obj_8").data()[0] = 1f;
    int last = 64 / 32 * (64 / 32) - 1;
    out.get("cls_32").data()[last] = 1f;
    out.get("obj_32").data()[last] = 1f;
    out.get("bbox_32").data()[last * 4 + 2] = 1f; // 87 px box centred at (32, 32) overflows the 60x60 source
    out.get("bbox_32").data()[last * 4 + 3] = 1f;

    List<Detection> faces = yunet.postprocess(out, lb);

    assertThat(faces).hasSize(1);
    assertThat(faces.get(0).bboxXyxy()[2]).isEqualTo(60f);
    assertThat(faces.get(0).bboxXyxy()[3]).isEqualTo(60f);
  }

  @Test
  void shouldNameAMissingOrMisshapenOutput() {
    Letterbox lb = new Letterbox(1f, 1f, 0, 0, 64, 64, 64, 64);
    Map<String, FloatTensor> out = emptyOutputs(64, 64);
    out.remove("kps_32");
    assertThatThrownBy(() -> yunet.postprocess(out, lb)).isInstanceOf(InferenceException.class).hasMessageContaining("kps_32");
    Map<String, FloatTensor> wrong = emptyOutputs(64, 32);
    assertThatThrownBy(() -> yunet.postprocess(wrong, lb)).isInstanceOf(InferenceException.class).hasMessageContaining("cls_8");
  }

  static Map<String, FloatTensor> emptyOutputs(int width, int height) {
    Map<String, FloatTensor> out = new HashMap<>();
    for (int s : YuNetTranslator.STRIDES) {
      int n = (width / s) * (height / s);
      out.put("cls_" + s, new FloatTensor(new float[n], new long[] {1, n, 1}));
      out.put("obj_" + s, new FloatTensor(new float[n], new long[] {1, n, 1}));
      out.put("bbox_" + s, new FloatTensor(new float[n * 4], new long[] {1, n, 4}));
      out.put("kps_" + s, new FloatTensor(new float[n * 10], new long[] {1, n, 10}));
    }
    return out;
  }
}
