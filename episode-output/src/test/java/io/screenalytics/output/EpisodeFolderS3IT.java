package io.screenalytics.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.AssemblySetting;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.output.manifest.EpisodeLayout;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.output.manifest.StoredEpisode;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.store.testing.InProcessS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The episode folder in a bucket of a real S3-compatible server (s3proxy in this JVM): manifests and report
 * written, read back bit-exact, rescored in place; episode ids that would climb out of {@code episodes/} are
 * refused by the local store and by S3 alike.
 */
class EpisodeFolderS3IT {

  private static final String BUCKET = "screenalytics";

  static InProcessS3 s3;

  @TempDir Path dir;

  @BeforeAll
  static void startS3() {
    s3 = InProcessS3.start();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  private final SyntheticEpisode ep = new SyntheticEpisode("s04e07", 25, 5, 90, 19)
      .track(1, "ann", 0, 25).track(2, "bea", 0, 12).track(3, "ann", 60, 15).track(4, null, 100, 3);
  private final Facebank cast = Facebank.builder()
      .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();

  @Test
  void shouldTakeReviewDecisionsOnAnEpisodeInABucket() throws IOException {
    try (ArtifactStore store = ArtifactStores.open(s3.settings(BUCKET, "it/review"))) {
      // Given the episode in the bucket, Bea unknown
      AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast,
          AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
      EpisodeOutput.write(store, result, cast);
      EpisodeReview review = new EpisodeReview(store);
      // When she is named, then the naming rejected
      EpisodeReview.Outcome named = review.name("s04e07", "unknown_01", "Bea", Optional.of("show"), "test");
      assertThat(named.rescored().result().identity("bea")).isPresent();
      assertThat(new FacebankLibrary(store).find("show").orElseThrow().seeds("Bea")).isNotEmpty()
          .allSatisfy(seed -> assertThat(store.exists(seed.sourcePhoto())).isTrue());
      EpisodeReview.Outcome rejected = review.reject("s04e07", "bea", "Bea", Optional.empty(), "test");
      // Then the log, the facebank and the episode live in the bucket, and the rejection holds in a rescore
      assertThat(rejected.rescored().result().identity("bea")).isEmpty();
      assertThat(store.exists("episodes/s04e07/" + DecisionLog.FILE)).isTrue();
      assertThat(review.log("s04e07").decisions()).hasSize(2);
      assertThat(new EpisodeRescorer().rescore(store, "s04e07", Map.of(), Optional.empty()).result()
          .identity("bea")).isEmpty();
      // and two undos bring the episode and the facebank back
      review.undo("s04e07");
      review.undo("s04e07");
      assertThat(new FacebankLibrary(store).find("show").orElseThrow().seeds("Bea")).isEmpty();
      assertThat(review.current("s04e07").result().identity("unknown_01")).isPresent();
    }
  }

  @Test
  void shouldWriteReadAndRescoreAnEpisodeInABucket() throws IOException {
    try (ArtifactStore store = ArtifactStores.open(s3.settings(BUCKET, "it/run-1"))) {
      // Given an episode written to the bucket as the service writes it
      AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast,
          AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
      List<String> keys = EpisodeOutput.write(store, result, cast);
      String folder = new EpisodeLayout("s04e07").prefix();
      assertThat(store.list(folder)).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(ArtifactStores.uri(store, folder)).isEqualTo("s3://" + BUCKET + "/it/run-1/episodes/s04e07/");

      // When it is read back, faces and embeddings come back bit-exact with the facebank
      StoredEpisode stored = new EpisodeManifestReader().read(store, "s04e07");
      assertThat(stored.faces()).hasSameSizeAs(result.faces());
      for (int i = 0; i < stored.faces().size(); i++) {
        FaceRecord was = result.faces().get(i);
        assertThat(stored.faces().get(i).faceId()).isEqualTo(was.faceId());
        assertThat(stored.faces().get(i).embedding()).isEqualTo(was.embedding());
      }
      assertThat(stored.facebank().names()).containsExactly("Ann");

      // and rescored in place with a threshold no two tracks reach
      EpisodeRescorer.Outcome o = new EpisodeRescorer().rescore(store, "s04e07",
          Map.of(AssemblySetting.CLUSTER_MIN_SIMILARITY, "0.99"), Optional.of(Facebank.empty()));
      assertThat(o.result().identities()).hasSize(3).noneMatch(Identity::isKnown);
      assertThat(new EpisodeManifestReader().screenTime(store, "s04e07")).extracting(s -> s.identityId())
          .containsExactly("unknown_01", "unknown_02", "unknown_03");
      assertThat(store.list(folder + "thumbnails/")).noneMatch(k -> k.contains("/ann/"));
      String report = new String(store.require(folder + "report.html"), StandardCharsets.UTF_8);
      assertThat(report).contains("Unknown clusters for review (3)");
      // the other prefix of the same bucket saw nothing
      try (ArtifactStore other = ArtifactStores.open(s3.settings(BUCKET, "it/run-2"))) {
        assertThat(other.list("")).isEmpty();
      }
    }
  }

  @Test
  void shouldRefuseTraversalIdsOnBothStores() throws IOException {
    try (ArtifactStore bucket = ArtifactStores.open(s3.settings(BUCKET, "it/traversal"));
        ArtifactStore local = new LocalArtifactStore(dir.resolve("store"))) {
      bucket.put("secret.txt", new byte[] {1});
      Files.writeString(dir.resolve("secret.txt"), "x");
      for (ArtifactStore store : List.of(bucket, local)) {
        for (String id : List.of("..", "../secret", "a/../../secret", "/etc/passwd", "a\\\\..\\\\b", ".hidden", "")) {
          assertThatThrownBy(() -> new EpisodeManifestReader().read(store, id)).as("%s %s", store, id)
              .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid episode id");
          assertThatThrownBy(() -> new EpisodeRescorer().rescore(store, id, Map.of(), Optional.empty()))
              .as("%s %s", store, id).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.put("episodes/../secret.txt", new byte[] {2}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FacebankLibrary(store).find("../secret"))
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(bucket.require("secret.txt")).containsExactly(1);
      assertThat(local.list("")).isEmpty();
    }
  }
}
