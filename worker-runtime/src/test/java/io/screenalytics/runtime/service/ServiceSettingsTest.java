package io.screenalytics.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.runtime.config.Settings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

  @Test
  void shouldReadEachServiceUnderItsPrefixWithTheProcessMetricsPortAsDefault() {
    // Given: one settings set for two services sharing a process endpoint, one with its own port
    Settings settings = Settings.of(Map.of(
        "metrics.port", "9400",
        "detect.cpu.quota", "0.5",
        "embed.cpu.quota", "2.5", "embed.metrics.port", "9401", "embed.cpu.governor", "false"));

    // When
    ServiceSettings detect = ServiceSettings.from(settings, "detect-track", "detect.");
    ServiceSettings embed = ServiceSettings.from(settings, "embed", "embed.");

    // Then
    assertThat(detect).isEqualTo(new ServiceSettings(0.5, 1, "screenalytics-detect-track", true, 9400, 3, 3));
    assertThat(embed).isEqualTo(new ServiceSettings(2.5, 1, "screenalytics-embed", false, 9401, 3, 3));
    assertThat(detect.computeThreads()).isEqualTo(1);
    assertThat(embed.computeThreads()).isEqualTo(3);
    assertThat(embed.nativeThreadEnvironment())
        .containsEntry("OMP_NUM_THREADS", "3").containsEntry("OPENBLAS_NUM_THREADS", "3").hasSize(3);
    // And: both are declared to this process for their services to find
    assertThat(ServiceSettings.declared("detect-track")).contains(detect);
    assertThat(ServiceSettings.declared("embed")).contains(embed);
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    Settings settings = Settings.of(Map.of("decoder.cpu.quota", "0", "decoder.metrics.port", "70000"));
    assertThatThrownBy(() -> ServiceSettings.from(settings, "decoder", "decoder."))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cpu.quota").hasMessageContaining("metrics.port");
  }
}
