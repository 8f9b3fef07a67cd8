package io.screenalytics.embed.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.embed.EmbedService;
import io.screenalytics.embed.quality.QualityGate;
import io.screenalytics.embed.testing.RealFaces;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.vision.model.ExecutionProvider;
import io.screenalytics.vision.model.ModelException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EmbedConfigTest {

  @Test
  void shouldApplyTheMeasuredDefaults() {
    EmbedConfig c = EmbedConfig.from(Settings.of(Map.of()));
    assertThat(c.model()).isEqualTo("fr_feature");
    assertThat(c.provider()).isEqualTo(ExecutionProvider.CPU);
    assertThat(c.maxBatch()).isEqualTo(EmbedConfig.DEFAULT_MAX_BATCH);
    assertThat(c.fetchMinBytes()).isEqualTo(EmbedConfig.DEFAULT_FETCH_MIN_BYTES);
    assertThat(c.fetchMaxWait()).isEqualTo(Duration.ofMillis(EmbedConfig.DEFAULT_FETCH_MAX_WAIT_MS));
    assertThat(c.gate()).isEqualTo(QualityGate.defaults());
    assertThat(c.service().groupId()).isEqualTo("screenalytics-embed");
  }

  @Test
  void shouldParseEverySetting() {
    EmbedConfig c = EmbedConfig.from(Settings.of(Map.of("embed.execution.provider", "CoreML",
        "embed.max.batch", "16", "embed.fetch.min.bytes", "1000", "embed.fetch.max.wait.ms", "50",
        "embed.min.det.score", "0.7", "embed.min.contrast", "10", "embed.min.blur", "5")));
    assertThat(c.provider()).isEqualTo(ExecutionProvider.COREML);
    assertThat(c.maxBatch()).isEqualTo(16);
    assertThat(c.gate()).isEqualTo(new QualityGate(0.7, 10, 5));
    assertThat(c.consumerOverrides()).containsEntry("fetch.min.bytes", "1000").containsEntry("fetch.max.wait.ms", "50");
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    assertThatThrownBy(() -> EmbedConfig.from(Settings.of(Map.of("embed.execution.provider", "tpu",
        "embed.max.batch", "0", "embed.fetch.max.wait.ms", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("execution.provider").hasMessageContaining("max.batch")
        .hasMessageContaining("fetch.max.wait.ms");
  }

  @Test
  void shouldLetExplicitKafkaClientSettingsWinOverTheBatchingDefaults() {
    Settings s = Settings.of(Map.of("embed.fetch.max.wait.ms", "100", "kafka.fetch.max.wait.ms", "7",
        "kafka.security.protocol", "SSL"));
    Map<String, String> o = EmbedService.kafkaSettings(s, EmbedConfig.from(s)).clientOverrides();
    assertThat(o).containsEntry("fetch.max.wait.ms", "7")
        .containsEntry("fetch.min.bytes", Integer.toString(EmbedConfig.DEFAULT_FETCH_MIN_BYTES))
        .containsEntry("security.protocol", "SSL");
  }

  @Test
  void shouldFailAtBuildTimeWithAClearErrorWhenCudaIsUnavailable() {
    // This project ships the CPU build of ONNX Runtime: CUDA is not in it
    Settings s = Settings.of(Map.of("models.dir", RealFaces.models().directory().toString(),
        "embed.execution.provider", "cuda"));
    assertThatThrownBy(() -> EmbedService.create(s))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("CUDA")
        .hasMessageContaining("onnxruntime_gpu");
  }
}
