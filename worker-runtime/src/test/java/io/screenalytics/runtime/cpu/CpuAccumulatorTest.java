package io.screenalytics.runtime.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuAccumulatorTest {

  @Test
  void shouldKeepTheCpuOfEndedThreadsAndRestartAReusedKey() {
    CpuAccumulator acc = new CpuAccumulator();
    // Given: two threads
    assertThat(acc.update(Map.of(1L, 100L, 2L, 50L))).isEqualTo(150);
    // When: thread 2 ends and thread 1 goes on
    assertThat(acc.update(Map.of(1L, 130L))).isEqualTo(180);
    // And: key 1 is reused by a new thread (its reading went down) and thread 3 starts
    long total = acc.update(Map.of(1L, 10L, 3L, 5L));
    // Then: nothing counted is lost and the total never decreases
    assertThat(total).isEqualTo(50 + 130 + 10 + 5);
  }
}
