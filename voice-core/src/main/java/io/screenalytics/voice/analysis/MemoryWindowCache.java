package io.screenalytics.voice.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link WindowCache} in memory (tests, benchmarks, one process's reruns). Thread-safe. */
public final class MemoryWindowCache implements WindowCache {

  private final Map<Key, float[]> values = new ConcurrentHashMap<>();

  @Override public Map<Key, float[]> getAll(Iterable<Key> keys) {
    Map<Key, float[]> out = new HashMap<>();
    for (Key k : keys) {
      float[] v = values.get(k);
      if (v != null) out.put(k, v);
    }
    return out;
  }

  @Override public void putAll(Map<Key, float[]> embeddings) {
    values.putAll(embeddings);
  }

  /** Number of embeddings held. */
  public int size() {
    return values.size();
  }
}
