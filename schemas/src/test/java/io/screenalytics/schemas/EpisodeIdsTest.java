package io.screenalytics.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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

  @Test
  void shouldDeclareCoPartitionedAssemblyInputs() {
    assertThat(Topics.EMBEDDINGS.partitions()).isEqualTo(Topics.TRACKS.partitions());
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
  }
}
