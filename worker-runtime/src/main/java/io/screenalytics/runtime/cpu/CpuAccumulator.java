package io.screenalytics.runtime.cpu;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns readings of per-thread cumulative CPU time into one monotonic total: the CPU of a thread that has ended (or
 * stopped being owned) stays counted, and a thread key reused by a new thread (its reading went down) starts over.
 * Not thread-safe: one per governor, used under its lock.
 */
final class CpuAccumulator {

  private Map<Long, Long> last = new HashMap<>();
  private long retiredNanos;

  /**
   * Takes a new reading.
   *
   * @param perThread cumulative CPU nanoseconds of every currently owned thread, by thread key
   * @return total CPU nanoseconds of the owner's threads since the first reading's threads started
   */
  long update(Map<Long, Long> perThread) {
    long total = 0;
    for (Map.Entry<Long, Long> e : last.entrySet()) {
      Long now = perThread.get(e.getKey());
      if (now == null || now < e.getValue()) {
        retiredNanos += e.getValue(); // ended, disowned, or its key reused by a new thread
      }
    }
    for (long v : perThread.values()) {
      total += v;
    }
    last = new HashMap<>(perThread);
    return retiredNanos + total;
  }
}
