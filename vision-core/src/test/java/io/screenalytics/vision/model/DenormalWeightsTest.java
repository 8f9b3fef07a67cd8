package io.screenalytics.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.screenalytics.vision.testing.SharedData;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenormalWeightsTest {

  @Test
  void shouldFlushEveryDenormalWeightOfTheDefaultEmbedder() {
    // Given fr_feature, which MODELS.md says holds 8,938 denormal float32 weights
    byte[] original = SharedData.models().load(ModelCatalog.FR_FEATURE);
    byte[] before = original.clone();

    // When
    DenormalWeights.Result result = DenormalWeights.flush(original);

    // Then exactly those values are zero, the input is untouched, and nothing else moved
    assertThat(result.flushed()).isEqualTo(8_938);
    assertThat(original).isEqualTo(before);
    assertThat(result.model()).hasSameSizeAs(original);
    int changedBytes = 0;
    for (int i = 0; i < original.length; i++) if (original[i] != result.model()[i]) changedBytes++;
    assertThat(changedBytes).isPositive().isLessThanOrEqualTo(4 * 8_938);
    assertThat(DenormalWeights.flush(result.model()).flushed()).as("a second flush finds none").isZero();
  }

  @Test
  void shouldReturnTheSameBytesForAModelWithoutDenormals() {
    byte[] yunet = SharedData.models().load(ModelCatalog.YUNET_S_DYNAMIC);

    DenormalWeights.Result result = DenormalWeights.flush(yunet);

    assertThat(result.flushed()).isZero();
    assertThat(result.tensors()).isPositive();
    assertThat(result.model()).isSameAs(yunet);
  }

  @Test
  void shouldGiveTheSameOutputsAsTheUnflushedGraph() throws Exception {
    // Given a random face-sized input, the model loaded through OnnxModel (flushed) and the raw file in a plain
    // ONNX Runtime session (not flushed, no flush-to-zero)
    float[] input = new float[3 * 112 * 112];
    Random random = new Random(7);
    for (int i = 0; i < input.length; i++) input[i] = random.nextFloat() * 2 - 1;
    byte[] raw = SharedData.models().load(ModelCatalog.FR_FEATURE);
    float[] plain;
    OrtEnvironment env = OnnxModel.environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
       OrtSession session = env.createSession(raw, options);
       OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, 112, 112});
       OrtSession.Result out = session.run(Map.of("input", tensor))) {
      plain = ((float[][]) out.get(0).getValue())[0];
    }

    // When
    float[] flushed;
    try (OnnxModel model = OnnxModel.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION)) {
      assertThat(model.flushedWeights()).isEqualTo(8_938);
      flushed = model.run(new FloatTensor(input, new long[] {1, 3, 112, 112})).get("output").data();
    }

    // Then the outputs agree: the flushed values were below 1.18e-38
    assertThat(flushed).hasSameSizeAs(plain);
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < plain.length; i++) {
      dot += plain[i] * flushed[i];
      na += plain[i] * plain[i];
      nb += flushed[i] * flushed[i];
      assertThat(Math.abs(plain[i] - flushed[i])).as("element %d", i).isLessThanOrEqualTo(1e-4f);
    }
    assertThat(dot / Math.sqrt(na * nb)).isGreaterThan(0.99999);
  }

  @Test
  void shouldRecogniseDenormalBitPatterns() {
    assertThat(DenormalWeights.isDenormal(Float.floatToRawIntBits(Float.MIN_VALUE))).isTrue();
    assertThat(DenormalWeights.isDenormal(Float.floatToRawIntBits(-1e-40f))).isTrue();
    assertThat(DenormalWeights.isDenormal(Float.floatToRawIntBits(Float.MIN_NORMAL))).isFalse();
    assertThat(DenormalWeights.isDenormal(Float.floatToRawIntBits(0f))).isFalse();
    assertThat(DenormalWeights.isDenormal(Float.floatToRawIntBits(-0f))).isFalse();
    assertThat(DenormalWeights.isDenormal(Double.doubleToRawLongBits(Double.MIN_VALUE))).isTrue();
    assertThat(DenormalWeights.isDenormal(Double.doubleToRawLongBits(Double.MIN_NORMAL))).isFalse();
  }

  @Test
  void shouldRefuseBytesThatAreNotAModel() {
    assertThatThrownBy(() -> DenormalWeights.flush("not a model".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
