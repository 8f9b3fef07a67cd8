package io.screenalytics.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The metric list in the module README is the enum's: every metric documented, none that does not exist. */
class MetricCatalogueTest {

  @Test
  void shouldDocumentEveryMetricInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (Metric m : Metric.values()) {
      assertThat(readme).as(m.name()).contains("| `" + m.prometheusName() + "` | " + m.unit() + " |");
    }
    assertThat(readme.lines().filter(l -> l.startsWith("| `screenalytics_")).count()).isEqualTo(Metric.values().length);
  }
}
