package io.screenalytics.decoder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.decoder.service.EpisodeInput.InputException;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.StoreConfig;
import io.screenalytics.store.testing.InProcessS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs against a real S3 server in this JVM (s3proxy). */
class EpisodeInputTest {

  private static InProcessS3 s3;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = InProcessS3.start();
    s3.createBucket("media");
    try (ArtifactStore media = ArtifactStores.open(s3.settings("media", ""))) {
      media.put("shows/ep1.mp4", "not really a video".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  void shouldPassLocalLocationsThroughUntouched() throws Exception {
    try (EpisodeInput input = EpisodeInput.open("file:///data/ep%201.mp4", Map.of(), tmp)) {
      assertThat(input.location()).isEqualTo("file:///data/ep%201.mp4");
    }
    try (EpisodeInput input = EpisodeInput.open("relative/ep.mp4", Map.of(), tmp)) {
      assertThat(input.location()).isEqualTo("relative/ep.mp4");
    }
  }

  @Test
  void shouldDownloadAnS3ObjectAndDeleteItOnClose() throws Exception {
    Path local;
    try (EpisodeInput input = EpisodeInput.open("s3://media/shows/ep1.mp4", s3.clientSettings(), tmp)) {
      local = Path.of(input.location());
      assertThat(local).startsWith(tmp).hasContent("not really a video");
      assertThat(local.getFileName().toString()).endsWith("ep1.mp4");
    }
    assertThat(local).doesNotExist();
  }

  @Test
  void shouldNameWhatIsWrongWithAnS3Input() {
    assertReason("s3://media/shows/missing.mp4", s3.clientSettings(), "not_found: s3://media/shows/missing.mp4");
    assertReason("s3://no-such-bucket/ep.mp4", s3.clientSettings(), "not_found: ");
    assertReason("s3://media", s3.clientSettings(), "invalid_location: ");
    Map<String, String> wrongSecret = new java.util.HashMap<>(s3.clientSettings());
    wrongSecret.put(StoreConfig.S3_SECRET_KEY, "wrong");
    assertReason("s3://media/shows/ep1.mp4", wrongSecret, "unreadable: ");
  }

  private void assertReason(String uri, Map<String, String> settings, String prefix) {
    assertThatThrownBy(() -> EpisodeInput.open(uri, settings, tmp).close())
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.reason()).startsWith(prefix));
    try (var files = Files.list(tmp)) {
      assertThat(files.toList()).as("no partial download left").isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
