package io.screenalytics.runtime.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread that burns CPU as fast as it can, in steps of about {@code stepMillis} of CPU time, calling
 * {@code between} after each step (where a governor may pause it). Measures its own CPU time with the
 * ThreadMXBean, independently of the CPU accounting under test.
 */
final class CpuBurner implements AutoCloseable {

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile long sink;

  CpuBurner(String threadName, long stepMillis, Runnable between) {
    thread = new Thread(() -> {
      while (running.get()) {
        burn(stepMillis * 1_000_000L);
        between.run();
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Burns about {@code nanos} of the calling thread's CPU time. */
  static long burn(long nanos) {
    long until = MX.getCurrentThreadCpuTime() + nanos;
    long x = 17;
    while (MX.getCurrentThreadCpuTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    return x;
  }

  /** CPU time of the burner thread so far, nanoseconds. */
  long cpuNanos() {
    return MX.getThreadCpuTime(thread.getId());
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(5_000);
  }
}
