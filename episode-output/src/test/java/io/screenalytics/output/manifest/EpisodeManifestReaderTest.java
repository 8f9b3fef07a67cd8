package io.screenalytics.output.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.store.LocalArtifactStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeManifestReaderTest {

  @TempDir Path root;

  @Test
  void shouldReadBackFacesTracksAndEmbeddingsForRescore() throws IOException {
    // Given a written episode
    LocalArtifactStore store = new LocalArtifactStore(root);
    AssemblyResult original = EpisodeManifestWriterTest.assemble(
        EpisodeManifestWriterTest.episode(), AssemblyConfig.defaults());
    new EpisodeManifestWriter().write(store, original);
    // When
    StoredEpisode stored = new EpisodeManifestReader().read(store, "s01e01");
    // Then every field comes back, embeddings bit-exact
    assertThat(stored.episode()).isEqualTo(original.episode());
    assertThat(stored.models()).isEqualTo(original.models());
    assertThat(stored.faces()).hasSameSizeAs(original.faces());
    for (int i = 0; i < stored.faces().size(); i++) {
      FaceRecord back = stored.faces().get(i);
      FaceRecord was = original.faces().get(i);
      assertThat(back.embedding()).as(was.faceId()).isEqualTo(was.embedding());
      assertThat(back).usingRecursiveComparison().ignoringFields("embedding", "thumbnailJpeg")
          .isEqualTo(was);
    }
    assertThat(stored.tracks()).hasSameSizeAs(original.tracks());
    for (int i = 0; i < stored.tracks().size(); i++) {
      TrackRecord back = stored.tracks().get(i);
      assertThat(back).usingRecursiveComparison().isEqualTo(original.tracks().get(i));
    }
    // the JPEGs of every thumbnail come back, and of every track's best face (crops/)
    List<String> thumbnailFaces = original.identities().stream().flatMap(i -> i.thumbnails().stream())
        .map(FaceRecord::faceId).toList();
    List<String> withJpeg = stored.faces().stream().filter(f -> f.thumbnailJpeg() != null)
        .map(FaceRecord::faceId).toList();
    assertThat(withJpeg).containsAll(thumbnailFaces);
    assertThat(stored.faces().stream().filter(f -> f.thumbnailJpeg() != null).map(FaceRecord::trackId)
        .distinct()).containsExactlyInAnyOrderElementsOf(original.tracks().stream().map(TrackRecord::trackId)
        .toList());
    assertThat(stored.facebank().isEmpty()).isTrue();
    // screen_time.json keeps the frame_idx of each identity's first and last frames beside their times
    assertThat(new EpisodeManifestReader().screenTime(store, "s01e01"))
        .extracting(t -> List.of(t.firstFrameIdx(), t.lastFrameIdx()))
        .isEqualTo(original.screenTime().stream().map(t -> List.of(t.firstFrameIdx(), t.lastFrameIdx())).toList())
        .allSatisfy(pair -> assertThat(pair.get(0)).isNotNegative());
    assertThat(stored.settings()).isEqualTo(AssemblyConfig.defaults().asProperties());

    // And rescoring from the store gives the same identities and the same bytes
    AssemblyResult rescored = new EpisodeAssembler().assemble(stored.episode(), stored.faces(),
        stored.tracks(), Facebank.empty(), AssemblyConfig.defaults(), stored.models());
    assertThat(rescored.identities()).extracting(Identity::trackIds)
        .containsExactlyInAnyOrderElementsOf(original.identities().stream().map(Identity::trackIds).toList());
    assertThat(rescored.screenTime()).extracting(s -> s.visibleSeconds())
        .isEqualTo(original.screenTime().stream().map(s -> s.visibleSeconds()).toList());
    assertThat(rescored.identities()).extracting(i -> i.thumbnails().stream().map(FaceRecord::faceId).toList())
        .containsExactlyInAnyOrderElementsOf(original.identities().stream()
            .map(i -> i.thumbnails().stream().map(FaceRecord::faceId).toList()).toList());
  }

  @Test
  void shouldRefuseATamperedOrMissingFolder() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    new EpisodeManifestWriter().write(store, EpisodeManifestWriterTest.assemble(
        EpisodeManifestWriterTest.episode(), AssemblyConfig.defaults()));
    store.put("episodes/s01e01/embeddings.f32", new byte[] {0, 0, 0, 0});
    assertThatThrownBy(() -> new EpisodeManifestReader().read(store, "s01e01"))
        .isInstanceOf(IOException.class).hasMessageContaining("sha256");
    assertThatThrownBy(() -> new EpisodeManifestReader().read(store, "other"))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> new EpisodeManifestReader().read(store, "../s01e01"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
