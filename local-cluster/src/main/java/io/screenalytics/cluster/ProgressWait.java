package io.screenalytics.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits for an outcome as long as the work towards it moves: it gives up only after a stall (no change of a
 * progress count for {@code stall}), never after a fixed total time, so a CPU several times slower than the one a
 * test was written on makes the wait longer, not the test red. A hard cap still ends a wait that moves forever.
 *
 * <p>For tests and benchmarks that wait on a pipeline (faces embedded, status events, records read).
 */
public final class ProgressWait {

  /** Default stall: two minutes without any progress (a step of the pipeline takes well under a second here). */
  public static final Duration DEFAULT_STALL = Duration.ofMinutes(2);
  /** Default cap on the whole wait. */
  public static final Duration DEFAULT_CAP = Duration.ofMinutes(20);

  private ProgressWait() {
  }

  /**
   * The clock of one wait: tell it the progress count as it goes ({@link #observe}); it says when the count has
   * not changed for the stall window ({@link #stalled}) or the whole wait is past its cap ({@link #overCap}).
   * Not thread-safe.
   */
  public static final class Watch {
    private final long stallNanos;
    private final long capNanos;
    private final long start = System.nanoTime();
    private long lastChange = start;
    private long last;

    private Watch(Duration stall, Duration cap, long initial) {
      this.stallNanos = stall.toNanos();
      this.capNanos = cap.toNanos();
      this.last = initial;
    }

    /** Records the progress count now; a change restarts the stall window. */
    public void observe(long count) {
      if (count != last) {
        last = count;
        lastChange = System.nanoTime();
      }
    }

    /** Whether the count has not changed for the stall window. */
    public boolean stalled() {
      return System.nanoTime() - lastChange > stallNanos;
    }

    /** Whether the whole wait is past its cap. */
    public boolean overCap() {
      return System.nanoTime() - start > capNanos;
    }

    /** {@link #stalled()} or {@link #overCap()}. */
    public boolean expired() {
      return stalled() || overCap();
    }
  }

  /** A wait's clock with the given stall window and cap, starting from progress count {@code initial}. */
  public static Watch watch(Duration stall, Duration cap, long initial) {
    return new Watch(stall, cap, initial);
  }

  /**
   * Polls {@code done} every 50 ms until it is true.
   *
   * @param what     what is awaited, for the failure message
   * @param done     the outcome
   * @param progress a count that changes while work goes on (records produced, events seen)
   * @param stall    longest time without a change of {@code progress}
   * @param state    what to say about the state so far when giving up
   * @throws AssertionError       after a stall or past {@link #DEFAULT_CAP}, naming {@code what} and the state
   * @throws InterruptedException when interrupted
   */
  public static void await(String what, BooleanSupplier done, LongSupplier progress, Duration stall,
               Supplier<String> state) throws InterruptedException {
    Watch watch = watch(stall, DEFAULT_CAP, progress.getAsLong());
    while (!done.getAsBoolean()) {
      long p = progress.getAsLong();
      watch.observe(p);
      if (watch.stalled()) {
        throw new AssertionError("no progress towards " + what + " for " + stall.toSeconds() + " s (progress count "
            + p + "); state: " + state.get());
      }
      if (watch.overCap()) {
        throw new AssertionError("still waiting for " + what + " after " + DEFAULT_CAP.toMinutes() + " min; state: "
            + state.get());
      }
      Thread.sleep(50);
    }
  }

  /** {@link #await(String, BooleanSupplier, LongSupplier, Duration, Supplier)} with {@link #DEFAULT_STALL}. */
  public static void await(String what, BooleanSupplier done, LongSupplier progress, Supplier<String> state)
      throws InterruptedException {
    await(what, done, progress, DEFAULT_STALL, state);
  }
}
