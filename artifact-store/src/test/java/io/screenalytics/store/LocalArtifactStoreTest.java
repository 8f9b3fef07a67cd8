package io.screenalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalArtifactStoreTest {

  @TempDir Path root;

  @Test
  void shouldPutGetListAndDeleteByKey() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    store.put("episodes/e1/b.json", new byte[] {1});
    store.put("episodes/e1/thumbnails/x/01.jpg", new byte[] {2});
    store.put("episodes/e10/a.json", new byte[] {3});
    store.put("episodes/e1/b.json", new byte[] {4});

    assertThat(store.get("episodes/e1/b.json")).get().isEqualTo(new byte[] {4});
    assertThat(store.get("episodes/e1/missing.json")).isEmpty();
    assertThat(store.exists("episodes/e10/a.json")).isTrue();
    assertThat(store.list("episodes/e1/"))
        .containsExactly("episodes/e1/b.json", "episodes/e1/thumbnails/x/01.jpg");
    assertThat(store.list("episodes/e1"))
        .containsExactly("episodes/e1/b.json", "episodes/e1/thumbnails/x/01.jpg", "episodes/e10/a.json");
    assertThat(store.list("nothing/")).isEmpty();

    store.delete("episodes/e1/thumbnails/x/01.jpg");
    store.delete("episodes/e1/thumbnails/x/01.jpg");
    assertThat(Files.exists(root.resolve("episodes/e1/thumbnails"))).isFalse();
    assertThat(store.list("")).containsExactly("episodes/e1/b.json", "episodes/e10/a.json");
    try (var files = Files.list(root.resolve("episodes/e1"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b.json");
    }
  }

  @Test
  void shouldReadAnObjectByItsUri(@TempDir Path root) throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    store.put("episodes/e1/frames/42.jpg", new byte[] {4, 2});
    assertThat(store.readUri(store.uri("episodes/e1/frames/42.jpg"))).containsExactly(4, 2);
    assertThat(store.readUri(root.resolve("episodes/e1/frames/42.jpg").toString())).containsExactly(4, 2);
    assertThatThrownBy(() -> store.readUri(store.uri("episodes/e1/frames/43.jpg")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../x", "a/../b", "/abs", "a//b", "a/", "a\\b", "a/./b", ".hidden", "a b"})
  void shouldRejectKeysThatCouldEscapeTheRoot(String key) {
    LocalArtifactStore store = new LocalArtifactStore(root);
    assertThatThrownBy(() -> store.put(key, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
  }
}
