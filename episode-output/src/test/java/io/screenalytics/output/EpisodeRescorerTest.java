package io.screenalytics.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.AssemblySetting;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.store.LocalArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeRescorerTest {

  private static final String CLUSTER = AssemblySetting.CLUSTER_MIN_SIMILARITY;
  private static final String MATCH = AssemblySetting.MATCH_MIN_SIMILARITY;

  @TempDir Path root;

  private final SyntheticEpisode ep = new SyntheticEpisode("s01e02", 30, 6, 60, 7)
      .track(1, "ann", 0, 20).track(2, "bea", 0, 10).track(3, "ann", 50, 10).track(4, "cal", 90, 8);

  private final Facebank cast = Facebank.builder()
      .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();

  /** The episode as the service writes it, assembled with {@code config}. */
  private LocalArtifactStore written(AssemblyConfig config) throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast, config,
        SyntheticEpisode.MODELS);
    EpisodeOutput.write(store, result, cast);
    return store;
  }

  @Test
  void shouldReproduceTheEpisodeWithItsOwnFacebankAndSettings() throws IOException {
    // Given
    LocalArtifactStore store = written(AssemblyConfig.defaults());
    String identitiesBefore = new String(store.require("episodes/s01e02/identities.json"), StandardCharsets.UTF_8);
    // When
    EpisodeRescorer.Outcome o = new EpisodeRescorer().rescore(store, "s01e02", Map.of(), Optional.empty());
    // Then the same files come out, and the report is written last
    assertThat(o.before()).extracting(ScreenTime::identityId).containsExactly("ann", "unknown_01", "unknown_02");
    assertThat(o.result().identities()).extracting(Identity::id).containsExactly("ann", "unknown_01", "unknown_02");
    assertThat(new String(store.require("episodes/s01e02/identities.json"), StandardCharsets.UTF_8))
        .isEqualTo(identitiesBefore);
    assertThat(o.keys()).last().isEqualTo("episodes/s01e02/report.html");
    assertThat(new String(store.require("episodes/s01e02/report.html"), StandardCharsets.UTF_8)).contains(">Ann<");
  }

  @Test
  void shouldSplitTracksAtAHigherThresholdAndStillShowAThumbnailOfEach() throws IOException {
    // Given ann's two tracks form one identity
    LocalArtifactStore store = written(AssemblyConfig.defaults());
    // When rescoring without a cast and with a threshold no two tracks reach
    EpisodeRescorer.Outcome o = new EpisodeRescorer().rescore(store, "s01e02", Map.of(CLUSTER, "0.99"),
        Optional.of(Facebank.empty()));
    // Then every track is its own unknown, each with a thumbnail (from crops/), and the store says so
    assertThat(o.result().identities()).extracting(Identity::trackIds)
        .containsExactlyInAnyOrder(java.util.List.of(1), java.util.List.of(2), java.util.List.of(3),
            java.util.List.of(4));
    assertThat(o.result().identities()).allSatisfy(i -> {
      assertThat(i.isKnown()).isFalse();
      assertThat(i.thumbnails()).as(i.id()).isNotEmpty();
    });
    assertThat(new EpisodeManifestReader().screenTime(store, "s01e02")).hasSize(4);
    assertThat(new EpisodeManifestReader().read(store, "s01e02").facebank().isEmpty()).isTrue();
    assertThat(store.list("episodes/s01e02/thumbnails/ann/")).isEmpty();
  }

  @Test
  void shouldKeepTheEpisodesOtherSettingsWhenOneChanges() throws IOException {
    // Given an episode assembled with a matching threshold Ann's cluster does not reach
    AssemblyConfig strict = AssemblyConfig.fromProperties(Map.of(MATCH, "0.95"));
    LocalArtifactStore store = written(strict);
    // When only the clustering threshold changes, the strict matching stays
    EpisodeRescorer.Outcome o = new EpisodeRescorer().rescore(store, "s01e02", Map.of(CLUSTER, "0.45"),
        Optional.empty());
    assertThat(o.result().config().matching().minSimilarity()).isEqualTo(0.95);
    assertThat(o.result().identities()).noneMatch(Identity::isKnown);
    // and lowering the matching threshold names Ann from the facebank kept with the episode
    o = new EpisodeRescorer().rescore(store, "s01e02", Map.of(MATCH, "0.28"), Optional.empty());
    assertThat(o.result().identities().get(0).name()).isEqualTo("Ann");
    assertThat(o.result().config().clustering().minMergeSimilarity()).isEqualTo(0.45);
  }

  @Test
  void shouldRefuseTyposMissingEpisodesAndTraversal() throws IOException {
    LocalArtifactStore store = written(AssemblyConfig.defaults());
    EpisodeRescorer rescorer = new EpisodeRescorer();
    assertThatThrownBy(() -> rescorer.rescore(store, "s01e02", Map.of("assembly.cluster.min.similarty", "0.4"),
        Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("similarty");
    assertThatThrownBy(() -> rescorer.rescore(store, "s01e03", Map.of(), Optional.empty()))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> rescorer.rescore(store, "../s01e02", Map.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid episode id");
  }
}
