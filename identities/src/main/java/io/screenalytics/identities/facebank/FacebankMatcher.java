package io.screenalytics.identities.facebank;

import io.screenalytics.vision.embed.Embeddings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Matches identity centroids and single faces against a {@link Facebank}.
 *
 * <p>A person's score is the max cosine similarity between the centroid and any of their seeds
 * (nearest seed, so one good photo is enough and a bad one does no harm). The best candidate is the
 * person with the highest score (ties: name ascending); it names the identity when its score is
 * {@code >= minSimilarity}. Only seeds from the episode's embedder model and of the centroid's
 * dimension take part: embeddings from different models live in unrelated spaces.
 *
 * <p>Immutable and thread-safe.
 */
public final class FacebankMatcher {

  private final List<Entry> entries;
  private final MatchingConfig config;

  private record Entry(String name, float[] unit, String sourcePhoto) {}

  /**
   * @param facebank      the cast
   * @param embedderModel the episode's embedder model name, or null to accept seeds of any model
   * @param config        matching settings
   */
  public FacebankMatcher(Facebank facebank, String embedderModel, MatchingConfig config) {
    this.config = config;
    List<Entry> usable = new ArrayList<>();
    for (String name : facebank.names()) {
      for (FacebankSeed seed : facebank.seeds(name)) {
        if (embedderModel == null || embedderModel.equals(seed.model())) {
          usable.add(new Entry(name, Embeddings.normalised(seed.embedding()), seed.sourcePhoto()));
        }
      }
    }
    this.entries = List.copyOf(usable);
  }

  /** Seeds that can take part (right model), over all people. */
  public int usableSeeds() {
    return entries.size();
  }

  /**
   * The best cast member for {@code centroid}, whatever the threshold.
   *
   * @param centroid {@code float[D]} unit vector
   * @return empty when no usable seed has D dimensions
   */
  public Optional<CastMatch> bestCandidate(float[] centroid) {
    CastMatch best = null;
    for (Entry e : entries) {
      if (e.unit().length != centroid.length) {
        continue;
      }
      double sim = Embeddings.dot(centroid, e.unit());
      if (best == null || sim > best.similarity()
          || (sim == best.similarity() && e.name().compareTo(best.name()) < 0)) {
        best = new CastMatch(e.name(), sim, e.sourcePhoto());
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Every cast member's nearest seed to {@code centroid}, the closest member first (ties: name ascending): the
   * competition a name must win ({@link io.screenalytics.identities.naming.EpisodeNaming}).
   *
   * @param centroid {@code float[D]} unit vector
   * @return one match per person with a usable seed of D dimensions; empty when there is none
   */
  public List<CastMatch> candidates(float[] centroid) {
    Map<String, CastMatch> best = new TreeMap<>();
    for (Entry e : entries) {
      if (e.unit().length != centroid.length) {
        continue;
      }
      double sim = Embeddings.dot(centroid, e.unit());
      CastMatch held = best.get(e.name());
      if (held == null || sim > held.similarity()) {
        best.put(e.name(), new CastMatch(e.name(), sim, e.sourcePhoto()));
      }
    }
    List<CastMatch> out = new ArrayList<>(best.values());
    out.sort(Comparator.comparingDouble((CastMatch m) -> -m.similarity()).thenComparing(CastMatch::name));
    return out;
  }

  /** The setting {@link MatchingConfig#minSimilarity()}: the facebank threshold of high-quality faces. */
  public double minSimilarity() {
    return config.minSimilarity();
  }

  /** Whether {@code candidate} is similar enough to name an identity. */
  public boolean accepts(CastMatch candidate) {
    return candidate.similarity() >= config.minSimilarity();
  }

  /**
   * The nearest seed of one face ({@link #bestCandidate} of its embedding), named when it reaches {@link
   * MatchingConfig#faceMinSimilarity()}.
   *
   * @param embedding {@code float[D]} unit vector of the face
   * @return empty when no usable seed has D dimensions
   */
  public Optional<SeedMatch> matchFace(float[] embedding) {
    return bestCandidate(embedding).map(m -> new SeedMatch(
        m.similarity() >= config.faceMinSimilarity() ? Facebank.castId(m.name()) : null, m.similarity()));
  }
}
