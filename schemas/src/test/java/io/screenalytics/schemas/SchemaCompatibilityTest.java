package io.screenalytics.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every current schema reads data written with the latest released version of it (BACKWARD, the compatibility the
 * services set on their registry subjects), checked with Avro's own {@code SchemaCompatibility}. A release keeps its
 * schemas under {@code src/test/resources/released/<version>/} (see the README, "Schema evolution").
 */
class SchemaCompatibilityTest {

  @Test
  void shouldReadDataWrittenWithTheLatestReleasedSchemas() {
    // Given the schemas as released and as they are now
    SchemaSet released = SchemaSet.latestRelease();
    SchemaSet current = SchemaSet.current();

    // Then every released type is still defined and readable; a failure lists Avro's description of each problem
    assertThat(released.types()).as("released types in %s", released.folder()).isNotEmpty();
    assertThat(current.backwardProblems(released))
        .as("incompatibilities of src/main/avro with %s", released.folder()).isEmpty();
  }

  @Test
  void shouldCoverEveryTopicValueSchemaInTheRelease() {
    SchemaSet released = SchemaSet.latestRelease();

    assertThat(Topics.ALL).filteredOn(t -> t.valueSchema() != null)
        .allSatisfy(t -> assertThat(released.types()).containsKey(t.valueSchema().getFullName()));
  }

  @Test
  void shouldGiveEveryEnumADefaultSoAReaderMeetsNewSymbolsSafely() {
    assertThat(SchemaSet.current().types().values()).filteredOn(s -> s.getType() == Schema.Type.ENUM)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getEnumDefault()).as("default of enum %s", e.getFullName()).isNotNull());
  }

  @Test
  void shouldDescribeANewFieldWithoutADefault(@TempDir Path dir) throws IOException {
    // Given the current schemas with a deliberately incompatible change: a new EpisodeStatus field without a
    // default, which a reader cannot fill in for data written before it
    copyCurrent(dir);
    replace(dir.resolve("episode_status.avsc"), "\"fields\": [",
        "\"fields\": [\n    {\"name\": \"priority\", \"type\": \"int\"},");

    // When checked against the current schemas as if they were the release
    List<String> problems = SchemaSet.read(dir).backwardProblems(SchemaSet.current());

    // Then the check fails with Avro's description: type, kind, location and the field
    assertThat(problems).hasSize(1).first().asString().startsWith("io.screenalytics.schemas.EpisodeStatus: ")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("priority");
  }

  @Test
  void shouldDescribeARemovedEnumSymbolOnlyWithoutADefault(@TempDir Path dir) throws IOException {
    // Given VoiceStatus without NO_AUDIO: read as the enum's default it is no problem, without a default it is
    copyCurrent(dir);
    replace(dir.resolve("voice_windows.avsc"), "\"OK\", \"NO_AUDIO\", \"FAILED\"", "\"OK\", \"FAILED\"");
    assertThat(SchemaSet.read(dir).backwardProblems(SchemaSet.current())).isEmpty();
    replace(dir.resolve("voice_windows.avsc"), ",\n  \"default\": \"UNKNOWN\"", "");

    // When checked against the current schemas, Then the missing symbol is named
    assertThat(SchemaSet.read(dir).backwardProblems(SchemaSet.current()))
        .anySatisfy(p -> assertThat(p).contains("VoiceStatus").contains("MISSING_ENUM_SYMBOLS").contains("NO_AUDIO"));
  }

  @Test
  void shouldReportATypeThatWasRemoved(@TempDir Path dir) throws IOException {
    copyCurrent(dir);
    Files.delete(dir.resolve("face_embeddings.avsc"));

    assertThat(SchemaSet.read(dir).backwardProblems(SchemaSet.current()))
        .anySatisfy(p -> assertThat(p).contains("FaceEmbeddings").contains("no longer"));
  }

  private static void copyCurrent(Path dir) throws IOException {
    try (var files = Files.list(Path.of("src/main/avro"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }

  private static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).as("%s contains %s", file, from).contains(from);
    Files.writeString(file, text.replace(from, to));
  }
}
