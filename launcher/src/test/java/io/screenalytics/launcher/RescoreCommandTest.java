package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.runtime.config.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RescoreCommandTest {

  @Test
  void shouldTakeOnlyAssemblySettingsAndNameTypos() {
    Settings settings = Settings.of(Map.of("assembly.cluster.min.similarity", "0.4", "store.root", "/data",
        "assembly.workers", "2"));
    assertThat(RescoreCommand.assemblyOverrides(settings, List.of("assembly.cluster.min.similarity")))
        .containsExactly(Map.entry("assembly.cluster.min.similarity", "0.4"));
    assertThatThrownBy(() -> RescoreCommand.assemblyOverrides(settings, List.of("assembly.cluster.min.similarty")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assembly.cluster.min.similarty");
  }

  @Test
  void shouldListTheNewCommandsInTheHelp() {
    CommandRun help = CommandRun.of("--help");
    assertThat(help.out()).contains("facebank").contains("rescore").contains("eval");
  }
}
