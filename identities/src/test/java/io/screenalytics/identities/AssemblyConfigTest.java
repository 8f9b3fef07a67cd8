package io.screenalytics.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AssemblyConfigTest {

  @Test
  void shouldTakeDefaultsForMissingKeys() {
    AssemblyConfig config = AssemblyConfig.fromProperties(Map.of("assembly.facebank.min.similarity", "0.45"));
    assertThat(config.matching().minSimilarity()).isEqualTo(0.45);
    assertThat(config.clustering()).isEqualTo(AssemblyConfig.defaults().clustering());
    assertThat(AssemblyConfig.fromProperties(config.asProperties())).isEqualTo(config);
  }

  @Test
  void shouldSetTheAppearanceGate() {
    AssemblyConfig config = AssemblyConfig.fromProperties(Map.of("assembly.appearance.min.similarity", "0.45"));
    assertThat(config.appearance().minSimilarity()).isEqualTo(0.45);
    assertThat(AssemblyConfig.defaults().appearance().minSimilarity()).isEqualTo(0.35);
    assertThat(config.asProperties()).containsEntry("assembly.appearance.min.similarity", "0.45");
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    assertThatThrownBy(() -> AssemblyConfig.fromProperties(Map.of(
        "assembly.appearance.min.similarity", "1.5",
        "assembly.cluster.min.similarity", "lots",
        "assembly.quality.blur.reference", "-1",
        "assembly.thumbnails.per.identity", "1000",
        "assembly.facebank.min-similaritee", "0.4",
        "other.key", "ignored")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(5)")
        .hasMessageContaining("assembly.appearance.min.similarity: invalid appearance split settings")
        .hasMessageContaining("assembly.cluster.min.similarity: Invalid value lots")
        .hasMessageContaining("blur reference must be > 0")
        .hasMessageContaining("thumbnails per identity")
        .hasMessageContaining("unknown setting assembly.facebank.min-similaritee");
  }

  @Test
  void shouldDocumentEverySetting() {
    String doc = AssemblySetting.referenceMarkdown();
    assertThat(AssemblySetting.keys()).hasSize(7);
    for (String key : AssemblySetting.keys()) {
      assertThat(doc).contains("`" + key + "`");
    }
  }
}
