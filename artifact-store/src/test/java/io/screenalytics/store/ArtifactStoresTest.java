package io.screenalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoresTest {

  @TempDir Path dir;

  @Test
  void shouldOpenALocalStoreAndNameObjectsByFileUri() throws IOException {
    try (ArtifactStore store = ArtifactStores.open(Map.of("store.root", dir.resolve("root").toString()))) {
      assertThat(store).isInstanceOf(LocalArtifactStore.class);
      store.put("episodes/e1/manifest.json", new byte[] {1});

      String uri = ArtifactStores.uri(store, "episodes/e1/manifest.json");

      assertThat(uri).startsWith("file:///").endsWith("/root/episodes/e1/manifest.json");
      assertThat(Path.of(java.net.URI.create(uri))).isEqualTo(dir.resolve("root/episodes/e1/manifest.json"));
      assertThat(ArtifactStores.fetch(uri, Map.of(), dir)).hasBinaryContent(new byte[] {1});
      assertThat(store.uri("episodes/e1/")).isEqualTo(dir.resolve("root/episodes/e1").toUri().toString())
          .endsWith("/root/episodes/e1/");
      assertThat(store.uri("episodes/e2/")).endsWith("/root/episodes/e2/");
      assertThatThrownBy(() -> store.uri("episodes//")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.uri("../x")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldReturnLocalPathsUnchanged() throws IOException {
    Path video = Files.write(dir.resolve("clip.mp4"), new byte[] {7});

    assertThat(ArtifactStores.fetch(video.toString(), Map.of(), dir.resolve("tmp"))).isEqualTo(video);
    assertThat(ArtifactStores.fetch("relative/clip.mp4", Map.of(), dir)).isEqualTo(Path.of("relative/clip.mp4"));
    assertThat(dir.resolve("tmp")).doesNotExist();
  }

  @Test
  void shouldRejectMalformedOrUnsupportedLocations() {
    assertThatThrownBy(() -> ArtifactStores.fetch("s3://bucket-only", Map.of(), dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://bucket-only");
    assertThatThrownBy(() -> ArtifactStores.fetch("s3:///key", Map.of(), dir))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ArtifactStores.fetch("s3://bucket/", Map.of(), dir))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ArtifactStores.fetch("https://example.com/x.mp4", Map.of(), dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported location");
  }

  @Test
  void shouldRejectInvalidSettingsBeforeContactingAnyServer() {
    assertThatThrownBy(() -> ArtifactStores.fetch("s3://b1b/k.mp4", Map.of("store.s3.max.attempts", "0"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.s3.max.attempts");
    assertThatThrownBy(() -> ArtifactStores.open(Map.of("store.type", "s3")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.s3.bucket");
  }

  @Test
  void shouldParseS3Locations() {
    ArtifactStores.S3Location location = ArtifactStores.S3Location.parse("s3://media/shows/S01 E02/ep 2.mp4");

    assertThat(location.bucket()).isEqualTo("media");
    assertThat(location.key()).isEqualTo("shows/S01 E02/ep 2.mp4");
    assertThat(location.fileName()).isEqualTo("ep_2.mp4");
    assertThat(ArtifactStores.isS3Uri("S3://media/x")).isTrue();
    assertThat(ArtifactStores.isS3Uri("/media/x")).isFalse();
  }
}
