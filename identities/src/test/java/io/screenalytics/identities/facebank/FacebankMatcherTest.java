package io.screenalytics.identities.facebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.identities.SyntheticEpisode;
import org.junit.jupiter.api.Test;

class FacebankMatcherTest {

  private final SyntheticEpisode gen = new SyntheticEpisode("e", 30, 6, 60, 21);
  private final float[] centroid = gen.person("identity");

  @Test
  void shouldTakeTheMaxOverAPersonsSeedsAndApplyTheThreshold() {
    // Given Ann with a poor and a good seed, Bob with one seed below the 0.40 threshold
    Facebank bank = Facebank.builder()
        .add("Ann", new FacebankSeed(gen.atCosine(centroid, 0.2), "ann_1.jpg", "fr_feature"))
        .add("Ann", new FacebankSeed(gen.atCosine(centroid, 0.45), "ann_2.jpg", "fr_feature"))
        .add("Bob", new FacebankSeed(gen.atCosine(centroid, 0.35), "bob_1.jpg", "fr_feature"))
        .build();
    FacebankMatcher matcher = new FacebankMatcher(bank, "fr_feature", MatchingConfig.defaults());
    // When
    CastMatch best = matcher.bestCandidate(centroid).orElseThrow();
    // Then
    assertThat(best.name()).isEqualTo("Ann");
    assertThat(best.sourcePhoto()).isEqualTo("ann_2.jpg");
    assertThat(best.similarity()).isCloseTo(0.45, within(1e-5));
    assertThat(matcher.accepts(best)).isTrue();
    assertThat(new FacebankMatcher(bank, "fr_feature", new MatchingConfig(0.5)).accepts(best)).isFalse();
  }

  @Test
  void shouldNameAFaceOnlyAtTheFaceThresholdAndKeepItsSimilarityEither() {
    // Given Ann's seed at cosine 0.45 and Bob's at 0.35 to a face
    Facebank bank = Facebank.builder()
        .add("Ann Åberg", new FacebankSeed(gen.atCosine(centroid, 0.45), "ann.jpg", "fr_feature"))
        .add("Bob", new FacebankSeed(gen.atCosine(centroid, 0.35), "bob.jpg", "fr_feature"))
        .build();
    // When the face is matched at the default face threshold (0.42) and at 0.5
    SeedMatch named = new FacebankMatcher(bank, "fr_feature", MatchingConfig.defaults()).matchFace(centroid)
        .orElseThrow();
    SeedMatch unnamed = new FacebankMatcher(bank, "fr_feature", new MatchingConfig(0.28, 0.5)).matchFace(centroid)
        .orElseThrow();
    // Then the nearest seed names it by cast id only above the threshold; the similarity is kept either way
    assertThat(named.castId()).isEqualTo("ann_aberg");
    assertThat(named.similarity()).isCloseTo(0.45, within(1e-5));
    assertThat(unnamed.castId()).isNull();
    assertThat(unnamed.similarity()).isCloseTo(0.45, within(1e-5));
    assertThat(new FacebankMatcher(Facebank.empty(), "fr_feature", MatchingConfig.defaults()).matchFace(centroid))
        .isEmpty();
  }

  @Test
  void shouldIgnoreSeedsOfOtherModelsOrDimensions() {
    Facebank bank = Facebank.builder()
        .add("Ann", new FacebankSeed(centroid, "ann.jpg", "mobilefacenet"))
        .add("Bob", new FacebankSeed(new float[] {1f, 0f}, "bob.jpg", "fr_feature"))
        .build();
    FacebankMatcher matcher = new FacebankMatcher(bank, "fr_feature", MatchingConfig.defaults());
    assertThat(matcher.usableSeeds()).isEqualTo(1);
    assertThat(matcher.bestCandidate(centroid)).isEmpty();
    assertThat(new FacebankMatcher(bank, null, MatchingConfig.defaults()).bestCandidate(centroid))
        .get().extracting(CastMatch::name).isEqualTo("Ann");
  }

  @Test
  void shouldLetALearnedSeedNameOnlyFromItsOwnThreshold() {
    // Given Ann's photo seed at cosine 0.33 and Bea's seed learned from an episode at 0.45
    SeedProvenance learned = new SeedProvenance("s01e01", "unknown_01", 7, 120, "s01e01:120:0", 1);
    Facebank bank = Facebank.builder()
        .add("Ann", new FacebankSeed(gen.atCosine(centroid, 0.33), "ann.jpg", "fr_feature"))
        .add("Bea", new FacebankSeed(gen.atCosine(centroid, 0.45), "s01e01_t7_f120.jpg", "fr_feature", learned))
        .build();
    FacebankMatcher matcher = new FacebankMatcher(bank, "fr_feature", MatchingConfig.defaults());
    // Then the learned seed does not take part under 0.5, and is still the evidence asked for by name
    assertThat(matcher.bestCandidate(centroid).orElseThrow().name()).isEqualTo("Ann");
    assertThat(matcher.candidate(centroid, "Bea").orElseThrow().similarity()).isCloseTo(0.45, within(1e-5));
    // and at 0.6 it names the cluster
    Facebank closer = Facebank.builder()
        .add("Ann", new FacebankSeed(gen.atCosine(centroid, 0.33), "ann.jpg", "fr_feature"))
        .add("Bea", new FacebankSeed(gen.atCosine(centroid, 0.6), "s01e01_t7_f120.jpg", "fr_feature", learned))
        .build();
    assertThat(new FacebankMatcher(closer, "fr_feature", MatchingConfig.defaults()).bestCandidate(centroid)
        .orElseThrow().name()).isEqualTo("Bea");
  }

  @Test
  void shouldRefuseAPersonForACentroidAtLeastAsNearToTheirRejectionsAsToTheirSeeds() {
    // Given Ann's seed at 0.6 and Bob's at 0.4; a rejection of Ann at 0.7 to this centroid, one of Bob at 0.1
    Facebank bank = Facebank.builder()
        .add("Ann", new FacebankSeed(gen.atCosine(centroid, 0.6), "ann.jpg", "fr_feature"))
        .add("Bob", new FacebankSeed(gen.atCosine(centroid, 0.4), "bob.jpg", "fr_feature"))
        .reject("Ann", new FacebankSeed(gen.atCosine(centroid, 0.7), "not_ann", "fr_feature"))
        .reject("Bob", new FacebankSeed(gen.atCosine(centroid, 0.1), "not_bob", "fr_feature"))
        .build();
    FacebankMatcher matcher = new FacebankMatcher(bank, "fr_feature", MatchingConfig.defaults());
    // Then Ann is no candidate, Bob (nearer his seed than his rejection) is
    assertThat(matcher.usableRejections()).isEqualTo(2);
    assertThat(matcher.bestCandidate(centroid).orElseThrow().name()).isEqualTo("Bob");
    // and the rejections survive the facebank's JSON
    assertThat(new FacebankMatcher(roundTrip(bank), "fr_feature", MatchingConfig.defaults()).bestCandidate(centroid)
        .orElseThrow().name()).isEqualTo("Bob");
  }

  private static Facebank roundTrip(Facebank bank) {
    try {
      return FacebankJson.fromJson(FacebankJson.toJson(bank));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
