package io.screenalytics.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.AssemblySetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeTest {

  @Test
  void shouldDocumentTheSettingsAsDeclared() throws IOException {
    // the table in README.md is AssemblySetting.referenceMarkdown(); regenerate it when this fails
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(AssemblySetting.referenceMarkdown());
  }
}
