package io.screenalytics.runtime.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadOwnershipTest {

  private final ThreadOwnership detect = new ThreadOwnership("detect-track", "screenalytics-detect-track");

  @Test
  void shouldOwnItsNamedThreadsTheirTruncatedOsNamesAndItsKafkaClientThreads() {
    assertThat(detect.ownsNamedThread("detect-track-worker-0")).isTrue();
    assertThat(detect.ownsOsThread("detect-track-wo")).isTrue(); // an ONNX Runtime pool thread started by it
    assertThat(detect.ownsClientThread("kafka-producer-network-thread | detect-track")).isTrue();
    assertThat(detect.ownsClientThread("kafka-producer-network-thread | detect-track-deadletter")).isTrue();
    assertThat(detect.ownsClientThread("kafka-coordinator-heartbeat-thread | screenalytics-detect-track")).isTrue();
  }

  @Test
  void shouldNotOwnOtherServicesOrProcessThreads() {
    assertThat(detect.ownsNamedThread("decoder-worker-0")).isFalse();
    assertThat(detect.ownsOsThread("C2 CompilerThre")).isFalse();
    assertThat(detect.ownsOsThread("kafka-producer-")).isFalse();
    assertThat(detect.ownsClientThread("kafka-producer-network-thread | embed")).isFalse();
    assertThat(detect.ownsClientThread("detect-track-worker-0")).isFalse();
  }

  @Test
  void shouldRefuseNamesLongerThanAnOsThreadNameCanTell() {
    assertThatThrownBy(() -> new ThreadOwnership("a-very-long-service", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 14");
  }
}
