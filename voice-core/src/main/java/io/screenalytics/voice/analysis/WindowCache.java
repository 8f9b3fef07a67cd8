package io.screenalytics.voice.analysis;

import java.util.Map;

/**
 * Embeddings of windows already computed, keyed by the episode, the window's bounds in milliseconds and the
 * model's sha256, so that a rerun makes no model call. Implementations decide where the values live (memory, the
 * artifact store); they must tolerate concurrent readers of different episodes.
 */
public interface WindowCache {

  /** Key of one window's embedding. */
  record Key(String episode, long startMs, long endMs, String modelSha256) {
  }

  /** The cached embeddings among {@code keys}; absent keys are simply missing from the result. */
  Map<Key, float[]> getAll(Iterable<Key> keys);

  /** Stores new embeddings, {@code float[256]} each. */
  void putAll(Map<Key, float[]> embeddings);

  /** A cache that holds nothing. */
  WindowCache NONE = new WindowCache() {
    @Override public Map<Key, float[]> getAll(Iterable<Key> keys) {
      return Map.of();
    }

    @Override public void putAll(Map<Key, float[]> embeddings) {
    }
  };
}
