package io.screenalytics.embed.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every metric of the embed service, in one place, summed over the workers of one process. Thread-safe.
 *
 * <ul>
 *   <li>{@code polls}: handler calls (one per consumer poll with records)</li>
 *   <li>{@code frames}: face batches (frames) consumed</li>
 *   <li>{@code faces}: faces consumed</li>
 *   <li>{@code embedded}: faces given an embedding</li>
 *   <li>{@code skipped.<reason>}: faces not embedded, by skip reason</li>
 *   <li>{@code model.calls}: embedder session runs; {@code embedded / model.calls} is the achieved batch size</li>
 *   <li>{@code embed.nanos}: wall time inside the embedder, nanoseconds</li>
 * </ul>
 */
public final class EmbedStats {

  private final LongAdder polls = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private final LongAdder faces = new LongAdder();
  private final LongAdder embedded = new LongAdder();
  private final LongAdder embedNanos = new LongAdder();
  private final AtomicLong modelCalls = new AtomicLong();
  private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();

  void onPoll(int frameCount, int faceCount) {
    polls.increment();
    frames.add(frameCount);
    faces.add(faceCount);
  }

  void onEmbedded(int count, long modelCallsMade, long nanos) {
    embedded.add(count);
    modelCalls.addAndGet(modelCallsMade);
    embedNanos.add(nanos);
  }

  void onSkipped(String reason) {
    skipped.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** Faces per model call so far (0 before the first call). */
  public double facesPerCall() {
    long calls = modelCalls.get();
    return calls == 0 ? 0 : embedded.doubleValue() / calls;
  }

  /** Every metric by name (see the class comment), sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new TreeMap<>();
    m.put("polls", polls.sum());
    m.put("frames", frames.sum());
    m.put("faces", faces.sum());
    m.put("embedded", embedded.sum());
    m.put("model.calls", modelCalls.get());
    m.put("embed.nanos", embedNanos.sum());
    skipped.forEach((reason, n) -> m.put("skipped." + reason, n.sum()));
    return m;
  }

  @Override
  public String toString() {
    return String.format("%s, %.1f faces per model call", snapshot(), facesPerCall());
  }
}
