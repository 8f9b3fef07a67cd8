package io.screenalytics.decoder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.store.StoreLayout;
import io.screenalytics.store.LocalArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimCheckTest {

  @TempDir
  Path root;

  @Test
  void shouldStoreOnlyFramesOverTheThresholdUnderTheEpisodesFrameKey() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(root);
    ClaimCheck check = new ClaimCheck(store, 100);

    assertThat(check.checkIn("ep-1", 6, new byte[100])).isEmpty();
    Optional<String> ref = check.checkIn("ep-1", 12, bytes(101));

    assertThat(ref).hasValue(root.resolve("episodes/ep-1/frames/12.jpg").toUri().toString());
    assertThat(Files.readAllBytes(Path.of(java.net.URI.create(ref.get())))).isEqualTo(bytes(101));
    assertThat(store.list("episodes/ep-1/frames/")).containsExactly("episodes/ep-1/frames/12.jpg");
  }

  @Test
  void shouldOverwriteOnReplayAndRejectAZeroThreshold() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(root);
    ClaimCheck check = new ClaimCheck(store, 1);
    check.checkIn("ep", 0, bytes(10));
    check.checkIn("ep", 0, bytes(20));
    assertThat(store.require(StoreLayout.frame("ep", 0))).isEqualTo(bytes(20));
    assertThatThrownBy(() -> new ClaimCheck(store, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + n);
    }
    return b;
  }
}
