package io.screenalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpisodeIdsTest {

  @Test
  void shouldAcceptSafeIds() {
    assertThat(EpisodeIds.isValid("s01e02")).isTrue();
    assertThat(EpisodeIds.isValid("short_hamilton_clip")).isTrue();
    assertThat(EpisodeIds.isValid("a.b-c_d")).isTrue();
  }

  @Test
  void shouldRejectTraversalAndSeparators() {
    for (String bad : new String[] {"", "../x", "a/b", "a\\b", "..", ".hidden", "a..b", "x".repeat(129), "a b"}) {
      assertThat(EpisodeIds.isValid(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> EpisodeIds.validate("../etc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../etc");
  }

  @Test
  void shouldDeriveValidIdsFromFileNames() {
    assertThat(EpisodeIds.fromFileName("short_hamilton_clip.mp4")).isEqualTo("short_hamilton_clip");
    assertThat(EpisodeIds.fromFileName("My Show S01E02 (final).mkv")).isEqualTo("my_show_s01e02__final_");
    assertThat(EpisodeIds.fromFileName("...mp4")).isEqualTo("episode");
    assertThat(EpisodeIds.isValid(EpisodeIds.fromFileName("../../x y.mp4"))).isTrue();
  }


  @ParameterizedTest
  @ValueSource(strings = {"s01e02", "Show.S01E02_v-2", "0", "a.b"})
  void shouldAcceptValidIds(String id) {
    assertThat(EpisodeIds.validate(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../x", "a/b", "a\\b", "..", ".", "x/../y", "a..b", ".hidden", "-x",
      "_x", "a b", "a:b", "s01e02/"})
  void shouldRejectTraversalAndOddCharacters(String id) {
    assertThat(EpisodeIds.isValid(id)).isFalse();
    assertThatThrownBy(() -> EpisodeIds.validate(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 129})
  void shouldLimitTheLengthTo128(int length) {
    assertThat(EpisodeIds.isValid("a".repeat(length))).isEqualTo(length <= 128);
  }
}
