package io.screenalytics.assembly.facebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.assembly.SyntheticEpisode;
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
}
