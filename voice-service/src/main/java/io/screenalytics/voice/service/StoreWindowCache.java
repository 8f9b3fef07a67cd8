package io.screenalytics.voice.service;

import io.screenalytics.store.ArtifactStore;
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
 * {@code voice/cache/<episode>/<model sha256>.bin} holding, per window, its start and end (ms) and
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

  /** The object key of an episode's windows for a model. */
  public static String key(String episode, String modelSha256) {
    return "voice/cache/" + episode + "/" + modelSha256 + ".bin";
  }

  @Override public Map<Key, float[]> getAll(Iterable<Key> keys) {
    Map<Key, float[]> out = new HashMap<>();
    Map<String, Map<Key, float[]>> loaded = new HashMap<>();
    for (Key k : keys) {
      Map<Key, float[]> object = loaded.computeIfAbsent(key(k.episode(), k.modelSha256()), this::read);
      float[] v = object.get(k);
      if (v != null) out.put(k, v);
    }
    return out;
  }

  @Override public void putAll(Map<Key, float[]> embeddings) {
    Map<String, Map<Key, float[]>> byObject = new LinkedHashMap<>();
    for (Map.Entry<Key, float[]> e : embeddings.entrySet()) {
      byObject.computeIfAbsent(key(e.getKey().episode(), e.getKey().modelSha256()), o -> new LinkedHashMap<>())
          .put(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Map<Key, float[]>> e : byObject.entrySet()) {
      Map<Key, float[]> merged = new LinkedHashMap<>(read(e.getKey()));
      merged.putAll(e.getValue());
      try {
        store.put(e.getKey(), encode(merged));
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot store voice cache " + e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
  }

  private Map<Key, float[]> read(String objectKey) {
    try {
      Optional<byte[]> bytes = store.get(objectKey);
      if (bytes.isEmpty()) return Map.of();
      String[] parts = objectKey.split("/");
      String episode = parts[2];
      String sha = parts[3].substring(0, parts[3].length() - ".bin".length());
      return decode(bytes.get(), episode, sha);
    } catch (IOException | RuntimeException e) {
      LOG.warn("voice cache {} is unreadable, embedding again: {}", objectKey, e.toString());
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
