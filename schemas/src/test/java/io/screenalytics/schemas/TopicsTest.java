package io.screenalytics.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldDeclareCoPartitionedAssemblyInputs() {
    assertThat(Topics.EMBEDDINGS.partitions()).isEqualTo(Topics.TRACKS.partitions());
    assertThat(Topics.ASD.partitions()).isEqualTo(Topics.TRACKS.partitions()).isEqualTo(Topics.VOICE.partitions());
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
  }
}
