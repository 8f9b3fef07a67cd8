package io.screenalytics.vision.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Platform;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class DenormalModeTest {

  @Test
  void shouldSetFlushToZeroOnTheCallingThreadOnly() throws Exception {
    // Given Linux x86-64 (the platform it supports; elsewhere it must say it is unsupported)
    if (!(Platform.isLinux() && Platform.isIntel() && Platform.is64Bit())) {
      assertThat(DenormalMode.flushOnThisThread()).isFalse();
      return;
    }
    assertThat(DenormalMode.supported()).isTrue();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      // When another thread sets the flags
      assertThat(other.submit(() -> !DenormalMode.onThisThread() && DenormalMode.flushOnThisThread()).get()).isTrue();

      // Then they stay on that thread across further calls, and this thread is untouched
      assertThat(other.submit(DenormalMode::onThisThread).get()).isTrue();
      assertThat(DenormalMode.onThisThread()).isFalse();
    } finally {
      other.shutdownNow();
    }
  }
}
