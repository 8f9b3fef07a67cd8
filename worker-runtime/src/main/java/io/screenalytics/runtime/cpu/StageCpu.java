package io.screenalytics.runtime.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

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

  private static final Map<String, LongSupplier> DELEGATED = new ConcurrentHashMap<>();

  /**
   * The calling thread's CPU time (user + system), nanoseconds, or 0 where the JVM cannot measure it, plus the CPU
   * that helper threads spent on its behalf as counted by every {@link #countDelegated delegated} source. About 1 us
   * a call on Linux ({@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}).
   */
  public static long threadNanos() {
    long n = Math.max(0, MX.getCurrentThreadCpuTime());
    for (LongSupplier d : DELEGATED.values()) {
      n += d.getAsLong();
    }
    return n;
  }

  /**
   * Counts, in {@link #threadNanos()}, CPU that other threads spend for the calling thread: for example the model
   * runner threads of vision-core ({@code OnnxModel::callerModelCpuNanos}), which compute while the caller waits.
   * Registering the same name again replaces the source; idempotent.
   *
   * @param name           a name for the source
   * @param perThreadNanos the calling thread's delegated CPU so far, nanoseconds, never decreasing
   */
  public static void countDelegated(String name, LongSupplier perThreadNanos) {
    DELEGATED.put(name, perThreadNanos);
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
