package io.screenalytics.runtime.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The CPU time each step of each service has spent in this process, measured on the thread that ran it: the
 * process-wide ledger behind {@link io.screenalytics.runtime.metrics.StageTimer}'s CPU figures, read by the
 * benchmarks' cost table ({@code bench/run episode}). A step's CPU is the difference of {@link #threadNanos()} around
 * it; work a step hands to other threads is not in it (FFmpeg with one decoder thread and ONNX Runtime with one
 * intra-op thread run on the caller, so the services' defaults are covered). Thread-safe; adding costs one
 * {@link LongAdder} increment.
 */
public final class StageCpu {

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final Map<String, LongAdder> LEDGER = new ConcurrentHashMap<>();

  private StageCpu() {}

  /**
   * The calling thread's CPU time (user + system), nanoseconds, or 0 where the JVM cannot measure it. About 1 us a
   * call on Linux ({@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}).
   */
  public static long threadNanos() {
    long n = MX.getCurrentThreadCpuTime();
    return n < 0 ? 0 : n;
  }

  /**
   * The running total of {@code step} of {@code service}, to add CPU nanoseconds to.
   *
   * @param service a service name ({@code decoder}, {@code detect-track}, ...)
   * @param step    short lowercase step name ({@code decode}, {@code convert}, {@code encode}, {@code detect}, ...)
   */
  public static LongAdder counter(String service, String step) {
    return LEDGER.computeIfAbsent(service + '/' + step, k -> new LongAdder());
  }

  /**
   * Every step's CPU so far, nanoseconds, keyed {@code <service>/<step>}, in key order; subtract two snapshots for
   * the CPU of what ran between them.
   */
  public static Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    LEDGER.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
