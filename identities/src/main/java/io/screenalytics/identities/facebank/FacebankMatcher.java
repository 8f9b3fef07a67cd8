package io.screenalytics.identities.facebank;

import io.screenalytics.vision.embed.Embeddings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Matches identity centroids and single faces against a {@link Facebank}.
 *
 * <p>A person's score is the max cosine similarity between the centroid and any of their seeds
 * (nearest seed, so one good photo is enough and a bad one does no harm). The best candidate is the
 * person with the highest score (ties: name ascending); it names the identity when its score is
 * {@code >= minSimilarity}. Only seeds from the episode's embedder model and of the centroid's
 * dimension take part: embeddings from different models live in unrelated spaces.
 *
 * <p>Seeds learned from an episode (a reviewer named the identity) take part only from
 * {@link #LEARNED_MIN_SIMILARITY}: video crops of one shot look alike across people.
 *
 * <p>Rejections ({@link Facebank#rejections}: faces and identity centroids a reviewer said are not that person)
 * are a cannot-link by nearest neighbour: a person is no candidate for a centroid that is at least as close to one
 * of their rejections as to their nearest seed (cosine), so a cluster that was rejected stays rejected in every
 * later rescore or episode, while the person's true clusters, nearer their seeds, are still named.
 *
 * <p>Immutable and thread-safe.
 */
public final class FacebankMatcher {

  private final List<Entry> entries;
  private final List<Entry> rejections;
  private final MatchingConfig config;

  /**
   * Cosine a seed learned from an episode ({@link FacebankSeed#provenance()}) needs before it takes part in naming a
   * cluster; photo seeds need only {@link MatchingConfig#minSimilarity()}. Learned seeds are video crops: on the
   * Hamilton clip a seed learned from one audience member reached 0.339 on Barack Obama's cluster (above his photos'
   * 0.293) and 0.436-0.460 between neighbours of the same lit shot, while the same person's clusters stayed at
   * 0.83-0.95; 0.5 keeps every cross-person cosine measured there out and sits under the same-person mean of the
   * photo pairs (0.715-0.732, {@code screenalytics eval}).
   */
  public static final double LEARNED_MIN_SIMILARITY = 0.5;

  private record Entry(String name, float[] unit, String sourcePhoto, boolean learned) {}

  /**
   * @param facebank      the cast
   * @param embedderModel the episode's embedder model name, or null to accept seeds of any model
   * @param config        matching settings
   */
  public FacebankMatcher(Facebank facebank, String embedderModel, MatchingConfig config) {
    this.config = config;
    this.entries = entries(facebank.names(), facebank::seeds, embedderModel);
    this.rejections = entries(facebank.rejectedNames(), facebank::rejections, embedderModel);
  }

  private static List<Entry> entries(List<String> names,
      Function<String, List<FacebankSeed>> seeds, String embedderModel) {
    List<Entry> usable = new ArrayList<>();
    for (String name : names) {
      for (FacebankSeed seed : seeds.apply(name)) {
        if (embedderModel == null || embedderModel.equals(seed.model())) {
          usable.add(new Entry(name, Embeddings.normalised(seed.embedding()), seed.sourcePhoto(),
              seed.provenance() != null));
        }
      }
    }
    return List.copyOf(usable);
  }

  /** Rejections that can take part (right model), over all people. */
  public int usableRejections() {
    return rejections.size();
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
    return candidates(centroid).stream().findFirst();
  }

  /**
   * Every cast member's nearest seed to {@code centroid}, the closest member first (ties: name ascending): the
   * competition a name must win ({@link io.screenalytics.identities.naming.EpisodeNaming}). Learned seeds under
   * {@link #LEARNED_MIN_SIMILARITY} do not count; a person at least as close to one of their rejections as to their
   * nearest seed is left out.
   *
   * @param centroid {@code float[D]} unit vector
   * @return one match per person with a usable seed of D dimensions; empty when there is none
   */
  public List<CastMatch> candidates(float[] centroid) {
    Map<String, CastMatch> nearest = nearestSeeds(centroid, LEARNED_MIN_SIMILARITY);
    for (Entry r : rejections) {
      CastMatch seen = nearest.get(r.name());
      if (seen != null && r.unit().length == centroid.length && Embeddings.dot(centroid, r.unit()) >= seen.similarity()) {
        nearest.remove(r.name());
      }
    }
    List<CastMatch> out = new ArrayList<>(nearest.values());
    out.sort(Comparator.comparingDouble((CastMatch m) -> -m.similarity()).thenComparing(CastMatch::name));
    return out;
  }

  /**
   * {@code name}'s nearest seed to {@code centroid}, whatever the threshold and the rejections: the evidence of a
   * name a reviewer gave.
   *
   * @return empty when {@code name} has no usable seed of D dimensions
   */
  public Optional<CastMatch> candidate(float[] centroid, String name) {
    return Optional.ofNullable(nearestSeeds(centroid, -1).get(name));
  }

  /** Per person, the nearest usable seed of {@code centroid}'s dimension; learned seeds under {@code learnedMin}
   * do not count. */
  private Map<String, CastMatch> nearestSeeds(float[] centroid, double learnedMin) {
    Map<String, CastMatch> nearest = new HashMap<>();
    for (Entry e : entries) {
      if (e.unit().length != centroid.length) {
        continue;
      }
      double sim = Embeddings.dot(centroid, e.unit());
      if (e.learned() && sim < learnedMin) {
        continue;
      }
      CastMatch seen = nearest.get(e.name());
      if (seen == null || sim > seen.similarity()) {
        nearest.put(e.name(), new CastMatch(e.name(), sim, e.sourcePhoto()));
      }
    }
    return nearest;
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
