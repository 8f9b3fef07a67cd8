package io.screenalytics.runtime.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The latency timer of one step inside a service ({@link Metric#STAGE_LATENCY}, tags {@code service} and {@code
 * step}), found once when a handler is built. When the service's metrics are not running in this process (a
 * handler used outside a started service, as in unit tests) it records nothing. Thread-safe.
 */
public final class StageTimer {

  private final Timer timer;

  private StageTimer(Timer timer) {
    this.timer = timer;
  }

  /**
   * The timer of {@code step} of the running {@code service}, or one that records nothing.
   *
   * @param step short lowercase step name: decode, encode, detect, track, align, quality, embed, ...
   */
  public static StageTimer of(String service, String step) {
    return new StageTimer(ServiceMetrics.of(service).map(m -> m.stage(step)).orElse(null));
  }

  /** Records one sample, nanoseconds (of {@link System#nanoTime()} differences). */
  public void record(long nanos) {
    if (timer != null) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
