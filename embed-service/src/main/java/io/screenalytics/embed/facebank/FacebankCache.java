package io.screenalytics.embed.facebank;

import io.screenalytics.store.ArtifactStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cast facebank of each episode, read once per episode and location and kept for later face batches.
 *
 * <p>Locations ({@code facebank_uri} on each face batch): an artifact-store key under {@value #PREFIX}
 * ({@code facebanks/<name>.json}), a {@code file:} URI or a local path. Keyed by episode as well as location
 * because enrolment may rewrite the same key for a later episode: each episode sees the facebank as it was when
 * its first face batch reached this process. A facebank that cannot be read or parsed is logged once per episode
 * and treated as empty (faces are still embedded, without a cast match): a bad facebank must not cost the
 * episode its embeddings.
 *
 * <p>Bounded ({@value #MAX_ENTRIES} episodes, least recently used evicted). Thread-safe: workers of one process
 * share it.
 */
public final class FacebankCache {

  /** Store folder of facebanks. */
  public static final String PREFIX = "facebanks/";
  /** Episodes whose facebank is kept. */
  public static final int MAX_ENTRIES = 64;

  private static final Logger LOG = LoggerFactory.getLogger(FacebankCache.class);

  private final ArtifactStore store;
  private final String model;
  private final double minSimilarity;
  private final Map<String, CastFacebank> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CastFacebank> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /**
   * @param store         where {@value #PREFIX} keys are read
   * @param model         the embedder's model name: only its seeds are used
   * @param minSimilarity cosine similarity at which a face takes a cast member's name
   */
  public FacebankCache(ArtifactStore store, String model, double minSimilarity) {
    this.store = store;
    this.model = model;
    this.minSimilarity = minSimilarity;
  }

  /**
   * The facebank of an episode.
   *
   * @param location the batch's {@code facebank_uri}; null or blank means none
   * @return the seeds of this embedder's model; {@link CastFacebank#empty()} when there is no facebank or it
   *     cannot be read
   */
  public synchronized CastFacebank forEpisode(String episodeId, String location) {
    if (location == null || location.isBlank()) {
      return CastFacebank.empty();
    }
    return entries.computeIfAbsent(episodeId + '\n' + location, k -> load(episodeId, location));
  }

  private CastFacebank load(String episodeId, String location) {
    try {
      CastFacebank bank = FacebankReader.parse(read(location), model, minSimilarity);
      LOG.info("episode {}: facebank {} has {} {} seed(s) of {} cast member(s)", episodeId, location,
          bank.seedCount(), model, bank.people().size());
      return bank;
    } catch (IOException | RuntimeException e) {
      LOG.warn("episode {}: facebank {} unusable, faces get no cast match: {}", episodeId, location, e.toString());
      return CastFacebank.empty();
    }
  }

  private byte[] read(String location) throws IOException {
    if (location.startsWith(PREFIX)) {
      return store.get(location).orElseThrow(() -> new IOException("no facebank at store key " + location));
    }
    Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    if (!Files.isRegularFile(path)) {
      throw new IOException("no facebank file at " + path.toAbsolutePath());
    }
    return Files.readAllBytes(path);
  }
}
