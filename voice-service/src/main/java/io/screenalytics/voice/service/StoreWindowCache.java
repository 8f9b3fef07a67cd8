package io.screenalytics.voice.service;

import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.voice.analysis.WindowCache;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window embeddings in the artifact store, one object per episode and model:
 * {@code voice/cache/<episode>/<model sha256>.bin} ({@link StoreLayout#voiceCache(String, String)}) holding, per window, its start and end (ms) and
 * {@code float[256]}, big-endian. A key whose episode or model differs is simply another object. A cache object that
 * cannot be read is ignored (logged): the windows are then embedded again. Thread-safe for distinct episodes.
 */
public final class StoreWindowCache implements WindowCache {

  private static final Logger LOG = LoggerFactory.getLogger(StoreWindowCache.class);
  private static final int MAGIC = 0x56574331; // "VWC1"

  private final ArtifactStore store;

  /** @param store where the objects live (not closed here) */
  public StoreWindowCache(ArtifactStore store) {
    this.store = store;
  }

  /** One cache object: an episode's windows for a model, at {@link StoreLayout#voiceCache(String, String)}. */
  private record CacheObject(String episode, String modelSha256) {
    static CacheObject of(Key k) {
      return new CacheObject(k.episode(), k.modelSha256());
    }

    String key() {
      return StoreLayout.voiceCache(episode, modelSha256);
    }
  }

  @Override public Map<Key, float[]> getAll(Iterable<Key> keys) {
    Map<Key, float[]> out = new HashMap<>();
    Map<CacheObject, Map<Key, float[]>> loaded = new HashMap<>();
    for (Key k : keys) {
      Map<Key, float[]> object = loaded.computeIfAbsent(CacheObject.of(k), this::read);
      float[] v = object.get(k);
      if (v != null) out.put(k, v);
    }
    return out;
  }

  @Override public void putAll(Map<Key, float[]> embeddings) {
    Map<CacheObject, Map<Key, float[]>> byObject = new LinkedHashMap<>();
    for (Map.Entry<Key, float[]> e : embeddings.entrySet()) {
      byObject.computeIfAbsent(CacheObject.of(e.getKey()), o -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
    }
    for (Map.Entry<CacheObject, Map<Key, float[]>> e : byObject.entrySet()) {
      Map<Key, float[]> merged = new LinkedHashMap<>(read(e.getKey()));
      merged.putAll(e.getValue());
      try {
        store.put(e.getKey().key(), encode(merged));
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot store voice cache " + e.getKey().key() + ": " + ex.getMessage(), ex);
      }
    }
  }

  private Map<Key, float[]> read(CacheObject object) {
    try {
      Optional<byte[]> bytes = store.get(object.key());
      if (bytes.isEmpty()) return Map.of();
      return decode(bytes.get(), object.episode(), object.modelSha256());
    } catch (IOException | RuntimeException e) {
      LOG.warn("voice cache {}/{} is unreadable, embedding again: {}", object.episode(), object.modelSha256(),
          e.toString());
      return Map.of();
    }
  }

  private static byte[] encode(Map<Key, float[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(entries.size());
      for (Map.Entry<Key, float[]> e : entries.entrySet()) {
        out.writeLong(e.getKey().startMs());
        out.writeLong(e.getKey().endMs());
        out.writeInt(e.getValue().length);
        for (float f : e.getValue()) out.writeFloat(f);
      }
    }
    return bytes.toByteArray();
  }

  private static Map<Key, float[]> decode(byte[] bytes, String episode, String sha) throws IOException {
    Map<Key, float[]> out = new HashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) throw new IOException("not a voice cache object");
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        long start = in.readLong();
        long end = in.readLong();
        int dim = in.readInt();
        if (dim < 1 || dim > 4096) throw new IOException("bad dimension " + dim);
        float[] v = new float[dim];
        for (int j = 0; j < dim; j++) v[j] = in.readFloat();
        out.put(new Key(episode, start, end, sha), v);
      }
    }
    return out;
  }
}
