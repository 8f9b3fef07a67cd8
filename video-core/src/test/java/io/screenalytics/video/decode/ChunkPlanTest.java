package io.screenalytics.video.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.video.decode.ChunkPlan.Chunk;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {

  @Test
  void shouldStartEachChunkAtTheFirstKeyframeAtOrAfterItsTarget() {
    // a keyframe every 12 frames at 25 fps, chunks of 2 s = 50 frames: targets 50, 100, 150, 200
    List<Long> keyframes = LongStream.rangeClosed(0, 16).map(k -> 12 * k).boxed().toList();

    ChunkPlan plan = ChunkPlan.plan(keyframes, 25, 2.0);

    assertThat(plan.chunks()).containsExactly(
        new Chunk(0, 0, 60), new Chunk(1, 60, 108), new Chunk(2, 108, 156), new Chunk(3, 156, Long.MAX_VALUE));
  }

  @Test
  void shouldMergeChunksWhenAKeyframeIntervalIsLongerThanAChunk() {
    ChunkPlan plan = ChunkPlan.plan(List.of(0L, 300L, 310L, 420L), 25, 2.0);

    // targets 50 -> 300; then 350 -> 420; then 450: none
    assertThat(plan.chunks()).containsExactly(
        new Chunk(0, 0, 300), new Chunk(1, 300, 420), new Chunk(2, 420, Long.MAX_VALUE));
  }

  @Test
  void shouldKeepTheWholeVideoInOneChunkWithoutChunkingOrKeyframes() {
    assertThat(ChunkPlan.plan(List.of(0L, 50L), 25, 0)).isEqualTo(ChunkPlan.whole());
    assertThat(ChunkPlan.plan(List.of(), 25, 2)).isEqualTo(ChunkPlan.whole());
    assertThat(ChunkPlan.plan(List.of(0L), 25, 2)).isEqualTo(ChunkPlan.whole());
    assertThat(ChunkPlan.whole().chunks().get(0).contains(Long.MAX_VALUE - 1)).isTrue();
  }

  @Test
  void shouldRejectKeyframesOutOfOrderAndAZeroFrameRate() {
    assertThatThrownBy(() -> ChunkPlan.plan(List.of(0L, 12L, 12L), 25, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascend");
    assertThatThrownBy(() -> ChunkPlan.plan(List.of(0L), 0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fps");
  }
}
