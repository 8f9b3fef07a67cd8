package io.screenalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryProcessIT {

  @Test
  void shouldReportTheJarAndTheProcessOutputWhenTheRegistryDies(@TempDir Path dir) throws Exception {
    // Given a "runner jar" that is not a jar at all
    Path bogus = Files.writeString(dir.resolve("broken-runner.jar"), "not a jar");

    // When it is started, Then the error names the jar and quotes what java printed before exiting
    assertThatThrownBy(() -> SchemaRegistryProcess.start(bogus, dir.resolve("work"), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(bogus.toString())
        .hasMessageContaining("exited with code")
        .hasMessageContaining("Invalid or corrupt jarfile");
  }

  @Test
  void shouldStopTheProcessOnClose() throws Exception {
    // Given a running registry
    SchemaRegistryProcess registry = SchemaRegistryProcess.start(null, null, Duration.ofSeconds(60));
    Path workDir = registry.logFile().getParent();
    String url = registry.url();
    assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");

    // When it is closed
    registry.close();

    // Then it no longer answers and its temp directory is gone
    try (RegistryProbe probe = new RegistryProbe(url)) {
      assertThat(probe.isReady()).isFalse();
    }
    assertThat(workDir).doesNotExist();
    assertThatThrownBy(registry::url).isInstanceOf(IllegalStateException.class);
  }

}
