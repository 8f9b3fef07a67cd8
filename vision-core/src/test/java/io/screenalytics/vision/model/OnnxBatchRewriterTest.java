package io.screenalytics.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.vision.testing.SharedData;
import org.junit.jupiter.api.Test;

class OnnxBatchRewriterTest {

  @Test
  void shouldMakeTheEmbedderBatchSymbolicAndFixItsFlattenReshape() {
    // Given fr_feature, fixed at [1,3,112,112] -> [1,512] with a Reshape to (1, -1) before the output
    byte[] original = SharedData.models().load(ModelCatalog.FR_FEATURE);

    // When
    OnnxBatchRewriter.Result result = OnnxBatchRewriter.rewrite(original);

    // Then the input, the output and the reshape were changed, and ONNX Runtime sees a symbolic batch
    assertThat(result.changed()).isTrue();
    assertThat(result.inputsRewritten()).isEqualTo(1);
    assertThat(result.outputsRewritten()).isEqualTo(1);
    assertThat(result.reshapesRewritten()).isEqualTo(1);
    try (OnnxModel model = OnnxModel.fromBytes(ModelCatalog.FR_FEATURE, result.model(), SharedData.SESSION)) {
      assertThat(model.inputShape("input")).containsExactly(-1, 3, 112, 112);
      float[] data = new float[4 * 3 * 112 * 112];
      FloatTensor out = model.run(new FloatTensor(data, new long[] {4, 3, 112, 112})).get("output");
      assertThat(out.shape()).containsExactly(4, 512);
    }
  }

  @Test
  void shouldLeaveAGraphWithADynamicBatchUnchanged() {
    byte[] yunet = SharedData.models().load(ModelCatalog.YUNET_S_DYNAMIC);
    OnnxBatchRewriter.Result result = OnnxBatchRewriter.rewrite(yunet);
    assertThat(result.changed()).isFalse();
    assertThat(result.inputsRewritten()).isZero();
    assertThat(result.reshapesRewritten()).isZero();
  }

  @Test
  void shouldRejectBytesThatAreNotAModel() {
    assertThatThrownBy(() -> OnnxBatchRewriter.rewrite(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OnnxBatchRewriter.rewrite("not a model".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
