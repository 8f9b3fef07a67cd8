package io.screenalytics.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.screenalytics.vision.testing.SharedData;
import org.junit.jupiter.api.Test;

class OnnxModelTest {

  @Test
  void shouldWrapRuntimeErrorsWithTheModelNameAndInputShape() {
    try (OnnxModel model = OnnxModel.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION)) {
      FloatTensor wrong = new FloatTensor(new float[3 * 64 * 64], new long[] {1, 3, 64, 64});
      assertThatThrownBy(() -> model.run(wrong))
          .isInstanceOf(InferenceException.class)
          .hasMessageContaining("'fr_feature'")
          .hasMessageContaining("[1, 3, 64, 64]");
    }
  }

  @Test
  void shouldChargeTheRunnerThreadsCpuToTheCallingThread() {
    // Given fr_feature on its runner thread, when this thread runs it five times
    try (OnnxModel model = OnnxModel.open(SharedData.models(), ModelCatalog.FR_FEATURE, SharedData.SESSION)) {
      FloatTensor face = new FloatTensor(new float[3 * 112 * 112], new long[] {1, 3, 112, 112});
      long own0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long charged0 = OnnxModel.callerModelCpuNanos();
      for (int i = 0; i < 5; i++) {
        model.run(face);
      }
      long charged = OnnxModel.callerModelCpuNanos() - charged0;
      long own = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - own0;
      // then the model's CPU (milliseconds a call) is charged to this thread, which itself only waited
      assertThat(charged).isGreaterThan(5 * 1_000_000L).isGreaterThan(own);
    }
  }

  @Test
  void shouldRefuseAnUnavailableProviderClearly() {
    // Given a CPU-only runtime (the onnxruntime jar on Linux), CUDA is asked for
    if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) return;
    SessionSettings cuda = SharedData.SESSION.withProvider(ExecutionProvider.CUDA);
    assertThatThrownBy(() -> OnnxModel.open(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC, cuda))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("CUDA")
        .hasMessageContaining("yunet_s_dynamic")
        .hasMessageContaining("onnxruntime_gpu");
  }

  @Test
  void shouldRejectInvalidSettingsListingEveryProblem() {
    assertThatThrownBy(() -> new SessionSettings(0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intraOpThreads")
        .hasMessageContaining("executionProvider");
  }

  @Test
  void shouldBeSafeToCloseTwice() {
    OnnxModel model = OnnxModel.open(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC, SharedData.SESSION);
    model.close();
    model.close();
    assertThat(model.spec()).isEqualTo(ModelCatalog.YUNET_S_DYNAMIC);
  }
}
