package io.screenalytics.runtime.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTableTest {

  @Test
  void shouldReadTheCpuTimeOfTheOwnersThreadsOnly() throws Exception {
    // Given: one thread of service "tablet" that has burned 200 ms of CPU and waits
    CountDownLatch burned = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    long[] own = new long[1];
    Thread t = new Thread(() -> {
      CpuBurner.burn(200_000_000L);
      own[0] = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      burned.countDown();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "tablet-worker-0");
    t.start();
    burned.await();

    // When: the process table reads the service's threads
    Map<Long, Long> read = new ThreadCpuTable(java.nio.file.Path.of("/proc/self/task"), 0)
        .read(new ThreadOwnership("tablet", null));
    done.countDown();
    t.join();

    // Then: one thread, with the CPU time the thread measured itself (to the 10 ms tick where schedstat is missing)
    assertThat(read).hasSize(1);
    assertThat(read.values().iterator().next()).isBetween(own[0] - 20_000_000L, own[0] + 20_000_000L);
  }
}
