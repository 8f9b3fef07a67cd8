package io.screenalytics.identities.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpisodeIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"s01e02", "Show.S01E02_v-2", "0", "a.b"})
  void shouldAcceptValidIds(String id) {
    assertThat(EpisodeId.validate(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../x", "a/b", "a\\b", "..", ".", "x/../y", "a..b", ".hidden", "-x",
      "_x", "a b", "a:b", "s01e02/"})
  void shouldRejectTraversalAndOddCharacters(String id) {
    assertThat(EpisodeId.isValid(id)).isFalse();
    assertThatThrownBy(() -> EpisodeId.validate(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 129})
  void shouldLimitTheLengthTo128(int length) {
    assertThat(EpisodeId.isValid("a".repeat(length))).isEqualTo(length <= 128);
  }
}
