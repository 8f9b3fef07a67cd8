package io.screenalytics.runtime.metrics;

import io.micrometer.core.instrument.Timer;
import io.screenalytics.runtime.cpu.StageCpu;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latency timer of one step inside a service ({@link Metric#STAGE_LATENCY}, tags {@code service} and {@code
 * step}), found once when a handler is built, and the step's CPU time in the process-wide {@link StageCpu} ledger.
 * When the service's metrics are not running in this process (a handler used outside a started service, as in unit
 * tests) the timer records nothing; the ledger always counts. Thread-safe.
 */
public final class StageTimer {

  private final Timer timer;
  private final LongAdder cpu;

  private StageTimer(Timer timer, LongAdder cpu) {
    this.timer = timer;
    this.cpu = cpu;
  }

  /**
   * The timer of {@code step} of the running {@code service}, or one that records nothing but CPU.
   *
   * @param step short lowercase step name: decode, encode, detect, track, align, quality, embed, ...
   */
  public static StageTimer of(String service, String step) {
    return new StageTimer(ServiceMetrics.of(service).map(m -> m.stage(step)).orElse(null),
        StageCpu.counter(service, step));
  }

  /** Records one sample, nanoseconds (of {@link System#nanoTime()} differences). */
  public void record(long nanos) {
    if (timer != null) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Records one sample of wall time and the CPU the step took on its thread.
   *
   * @param nanos    wall time, nanoseconds ({@link System#nanoTime()} difference)
   * @param cpuNanos CPU time, nanoseconds ({@link StageCpu#threadNanos()} difference)
   */
  public void record(long nanos, long cpuNanos) {
    record(nanos);
    addCpu(cpuNanos);
  }

  /** Adds CPU time of the step, nanoseconds ({@link StageCpu#threadNanos()} difference), without a latency sample. */
  public void addCpu(long cpuNanos) {
    cpu.add(Math.max(0, cpuNanos));
  }
}
