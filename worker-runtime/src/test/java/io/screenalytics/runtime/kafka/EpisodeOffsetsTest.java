package io.screenalytics.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpisodeOffsetsTest {

  @Test
  void shouldHoldTheCommitAtTheFirstFrameOfAnOpenEpisode() {
    // Given episode A on offsets 10-14, its last frame at 14
    EpisodeOffsets offsets = new EpisodeOffsets();
    for (long o = 10; o <= 13; o++) {
      offsets.record("A", o);
      // Then while A is open the commit stays at its first frame
      assertThat(offsets.commitOffset(o + 1)).isEqualTo(10);
    }
    offsets.record("A", 14);
    offsets.finish("A");

    // When it finishes, the commit moves past it
    assertThat(offsets.commitOffset(15)).isEqualTo(15);
    assertThat(offsets.openEpisodes()).isZero();
  }

  @Test
  void shouldNeverCommitInsideAFinishedEpisodeThatOverlapsAnOpenOne() {
    // Given A on 0, 2, 4 (finished at 4) interleaved with B on 1, 3, 5, 6 (open)
    EpisodeOffsets offsets = new EpisodeOffsets();
    offsets.record("A", 0);
    offsets.record("B", 1);
    offsets.record("A", 2);
    offsets.record("B", 3);
    offsets.record("A", 4);
    offsets.finish("A");
    offsets.record("B", 5);

    // Then B's first frame (1) would cut A (0..4): the commit goes back to A's first frame
    assertThat(offsets.commitOffset(6)).isZero();

    // When B finishes and C starts at 8 after an idle record of a finished episode D at 7
    offsets.record("B", 6);
    offsets.finish("B");
    offsets.record("D", 7);
    offsets.finish("D");
    offsets.record("C", 8);

    // Then the commit is C's first frame: nothing before it is cut
    assertThat(offsets.commitOffset(9)).isEqualTo(8);
  }

  @Test
  void shouldChainThroughSeveralOverlappingFinishedEpisodes() {
    // A 0..3 finished, B 2..6 finished, C 5..9 open: C's start 5 cuts B, B's start 2 cuts A
    EpisodeOffsets offsets = new EpisodeOffsets();
    String[] owner = {"A", "A", "B", "A", "B", "C", "B", "C", "C", "C"};
    for (int o = 0; o < owner.length; o++) {
      offsets.record(owner[o], o);
      if (o == 3) {
        offsets.finish("A");
      }
      if (o == 6) {
        offsets.finish("B");
      }
    }
    assertThat(offsets.commitOffset(10)).isZero();
    offsets.finish("C");
    assertThat(offsets.commitOffset(10)).isEqualTo(10);
  }

  @Test
  void shouldRecogniseRedeliveredOffsets() {
    EpisodeOffsets offsets = new EpisodeOffsets();
    assertThat(offsets.processed(0)).isFalse();
    offsets.record("A", 5);
    assertThat(offsets.processed(4)).isTrue();
    assertThat(offsets.processed(5)).isTrue();
    assertThat(offsets.processed(6)).isFalse();
    assertThatThrownBy(() -> offsets.record("A", 5)).isInstanceOf(IllegalArgumentException.class);
  }
}
