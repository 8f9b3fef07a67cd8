package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.runtime.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RescoreCommandTest {

  @Test
  void shouldTakeOnlyAssemblySettings() {
    Settings settings = Settings.of(Map.of("assembly.cluster.min.similarity", "0.4", "store.root", "/data",
        "assembly.workers", "2"));
    assertThat(RescoreCommand.assemblyOverrides(settings))
        .containsExactly(Map.entry("assembly.cluster.min.similarity", "0.4"));
  }

  @Test
  void shouldRefuseATypoOfAnAssemblySettingWithTheClosestName() {
    CommandRun run = CommandRun.of("rescore", "e1", "--set", "assembly.cluster.min.similarty=0.4");

    assertThat(run.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(run.err()).isEqualTo("error: unknown setting assembly.cluster.min.similarty (did you mean "
        + "assembly.cluster.min.similarity?)" + System.lineSeparator());
  }

  @Test
  void shouldListTheNewCommandsInTheHelp() {
    CommandRun help = CommandRun.of("--help");
    assertThat(help.out()).contains("facebank").contains("rescore").contains("eval");
  }
}
