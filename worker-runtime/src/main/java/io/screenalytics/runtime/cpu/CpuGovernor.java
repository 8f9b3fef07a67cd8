package io.screenalytics.runtime.cpu;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds one service's measured CPU at or under its core quota, whether or not the operating system enforces one.
 *
 * <p>It measures the CPU time of every thread the service owns ({@link ThreadOwnership}, read through the
 * {@link ThreadCpuTable}: Java threads and, on Linux, the native threads they started) and keeps a token bucket
 * of CPU time: the bucket fills at {@code quota} CPU-seconds per wall-clock second, up to a burst of
 * {@code quota x burst}, and every CPU nanosecond the service's threads use is taken out of it. The service's
 * loops call {@link #checkpoint()} before each poll and after each record they emit; a checkpoint that finds the
 * bucket in debt sleeps until it is paid back ({@code debt / quota}), so the service takes no new work meanwhile
 * and its native pools idle. Over any window of {@code W} seconds the service therefore uses at most
 * {@code quota x (W + burst)} CPU-seconds plus the work of one step between two checkpoints.
 *
 * <p>With throttling off (setting {@code <service>.cpu.governor=false}) it only measures.
 *
 * <p>Thread-safe: the loops of a service share one governor.
 */
public final class CpuGovernor implements AutoCloseable {

  /**
   * How a governor measures and throttles.
   *
   * @param quotaCores     cores the service may use, more than 0
   * @param throttle       whether to pause the service when it is over its quota, or only measure
   * @param window         span of the sliding window {@link #usage()} reports over
   * @param burst          wall time worth of quota an idle service may bank (the bucket's size is quota x burst)
   * @param sampleInterval the least time between two readings of the threads' CPU times
   */
  public record Config(double quotaCores, boolean throttle, Duration window, Duration burst, Duration sampleInterval) {

    /** @throws IllegalArgumentException for a quota that is not positive or a non-positive duration */
    public Config {
      if (!(quotaCores > 0)) {
        throw new IllegalArgumentException("cpu quota must be > 0 cores, was " + quotaCores);
      }
      if (window.isNegative() || window.isZero() || burst.isNegative() || burst.isZero() || sampleInterval.isNegative()) {
        throw new IllegalArgumentException("window and burst must be positive, sample interval >= 0");
      }
    }

    /** The defaults: a 10 s reporting window, a 100 ms burst, readings at most every 50 ms. */
    public static Config of(double quotaCores, boolean throttle) {
      return new Config(quotaCores, throttle, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMillis(50));
    }
  }

  private static final long MAX_SLEEP_NANOS = 250_000_000L;
  private static final long HISTORY_SPACING_NANOS = 200_000_000L;

  private final ThreadOwnership owner;
  private final ThreadCpuTable table;
  private final Config config;
  private final CpuAccumulator accumulator = new CpuAccumulator();
  private final ArrayDeque<CpuSample> history = new ArrayDeque<>();
  private final AtomicLong throttledNanos = new AtomicLong();
  private final Object sleeper = new Object();
  private final double bucketCapacityNanos;
  private CpuSample latest;
  private double bucketNanos;
  private long lastRefillNanos;
  private long lastChargedCpuNanos;
  private volatile boolean closed;

  /**
   * A governor of {@code owner}'s threads in this process. Starts with an empty bucket.
   */
  public CpuGovernor(ThreadOwnership owner, Config config) {
    this(owner, config, ThreadCpuTable.process());
  }

  CpuGovernor(ThreadOwnership owner, Config config, ThreadCpuTable table) {
    this.owner = owner;
    this.config = config;
    this.table = table;
    this.bucketCapacityNanos = config.quotaCores() * config.burst().toNanos();
    begin();
  }

  /** The service this governor holds. */
  public String service() {
    return owner.service();
  }

  /** Its settings. */
  public Config config() {
    return config;
  }

  /**
   * Starts accounting afresh from now with an empty bucket: CPU used before (loading models at start-up) is not
   * charged to the service's work.
   */
  public synchronized void begin() {
    table.refresh(); // the service's threads have just started: see them all, with their own names
    CpuSample s = readNow();
    lastChargedCpuNanos = s.cpuNanos();
    lastRefillNanos = s.atNanos();
    bucketNanos = 0;
  }

  /**
   * Pauses the calling thread while the service is over its quota; returns at once when it is not, when
   * throttling is off, or after {@link #close()}. An interrupt ends the pause and is kept on the thread.
   */
  public void checkpoint() {
    if (!config.throttle()) {
      sample();
      return;
    }
    long pause;
    while (!closed && (pause = debtNanos()) > 0) {
      long sleep = Math.min(pause, MAX_SLEEP_NANOS);
      long t0 = System.nanoTime();
      try {
        synchronized (sleeper) {
          if (!closed) {
            sleeper.wait(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        throttledNanos.addAndGet(System.nanoTime() - t0);
      }
    }
  }

  /** Settles the bucket with the CPU used since the last settlement; returns how long to pause, nanoseconds. */
  private synchronized long debtNanos() {
    CpuSample s = sample();
    long now = System.nanoTime();
    bucketNanos = Math.min(bucketCapacityNanos, bucketNanos + config.quotaCores() * (now - lastRefillNanos));
    lastRefillNanos = now;
    bucketNanos -= s.cpuNanos() - lastChargedCpuNanos;
    lastChargedCpuNanos = s.cpuNanos();
    return bucketNanos >= 0 ? 0 : (long) (-bucketNanos / config.quotaCores());
  }

  /** The service's cumulative CPU time now (a reading at most {@code sampleInterval} old). */
  public synchronized CpuSample sample() {
    if (latest == null || System.nanoTime() - latest.atNanos() >= config.sampleInterval().toNanos()) {
      readNow();
    }
    return latest;
  }

  private CpuSample readNow() {
    var perThread = table.read(owner);
    latest = new CpuSample(System.nanoTime(), accumulator.update(perThread), perThread.size());
    CpuSample last = history.peekLast();
    if (last == null || latest.atNanos() - last.atNanos() >= HISTORY_SPACING_NANOS) {
      history.addLast(latest);
    }
    long horizon = latest.atNanos() - config.window().toNanos();
    while (history.size() > 1) { // keep the newest sample at or before the horizon as the window's start
      Iterator<CpuSample> it = history.iterator();
      it.next();
      if (it.next().atNanos() > horizon) {
        break;
      }
      history.removeFirst();
    }
    return latest;
  }

  /** CPU over the last {@code window} (less just after start), threads now, the quota and the time throttled. */
  public synchronized CpuUsage usage() {
    CpuSample now = sample();
    CpuSample first = history.peekFirst();
    double cores = first == null ? 0 : now.coresSince(first);
    Duration span = Duration.ofNanos(first == null ? 0 : now.atNanos() - first.atNanos());
    return new CpuUsage(100.0 * cores, now.threads(), config.quotaCores(), span, Duration.ofNanos(throttledNanos.get()));
  }

  /** Total time the governor has paused the service's threads, summed over threads. */
  public Duration throttled() {
    return Duration.ofNanos(throttledNanos.get());
  }

  /** Ends every pause in progress; later checkpoints return at once. */
  @Override
  public void close() {
    closed = true;
    synchronized (sleeper) {
      sleeper.notifyAll();
    }
  }
}
