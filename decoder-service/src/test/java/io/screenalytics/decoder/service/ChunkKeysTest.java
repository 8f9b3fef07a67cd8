package io.screenalytics.decoder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkKeysTest {

  @Test
  void shouldPutAnEpisodesChunksRoundRobinOnThePartitions() {
    int partitions = Topics.DECODE_CHUNKS.partitions();
    for (String episode : List.of("chunked", "s01e01", "x")) {
      List<Integer> seen = new ArrayList<>();
      for (int k = 0; k < 3 * partitions; k++) {
        String key = ChunkKeys.key(episode, k, partitions);
        assertThat(key).startsWith(episode + ":" + k);
        seen.add(ChunkKeys.partition(key, partitions));
      }
      for (int k = 1; k < seen.size(); k++) {
        assertThat(seen.get(k)).as("%s chunk %d", episode, k).isEqualTo((seen.get(k - 1) + 1) % partitions);
      }
      assertThat(ChunkKeys.key(episode, 0, partitions)).isEqualTo(episode + ":0");
    }
    assertThat(ChunkKeys.key("e", 5, 1)).isEqualTo("e:5");
  }

  @Test
  void shouldRejectAPartitionCountBelowOne() {
    assertThatThrownBy(() -> ChunkKeys.key("e", 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
