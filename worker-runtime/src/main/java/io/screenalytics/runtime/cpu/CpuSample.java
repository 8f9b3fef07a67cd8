package io.screenalytics.runtime.cpu;

/**
 * The CPU time a service's threads have used, at one instant.
 *
 * @param atNanos  when, on the {@link System#nanoTime()} clock
 * @param cpuNanos cumulative CPU time (user + system) of the service's threads, nanoseconds; never decreases
 * @param threads  threads the service owns now (Java and native)
 */
public record CpuSample(long atNanos, long cpuNanos, int threads) {

  /** Cores used between {@code earlier} and this sample (1.0 = one core busy all the time); 0 for no time. */
  public double coresSince(CpuSample earlier) {
    long wall = atNanos - earlier.atNanos;
    return wall <= 0 ? 0.0 : (double) (cpuNanos - earlier.cpuNanos) / wall;
  }
}
