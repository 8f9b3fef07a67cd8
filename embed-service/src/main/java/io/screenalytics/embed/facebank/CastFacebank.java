package io.screenalytics.embed.facebank;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cast seeds of one episode that an embedder can be compared with: seeds of other models are left out
 * (their vectors live in another space). Seeds are L2-normalised on construction, so cosine similarity is a dot
 * product. A face matches the cast member of its most similar seed when that similarity reaches {@code
 * minSimilarity}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CastFacebank {

  private static final CastFacebank EMPTY = new CastFacebank(List.of(), List.of(), 0, 1.0);

  private final List<String> names;
  private final float[][] seeds;
  private final int dims;
  private final double minSimilarity;

  private CastFacebank(List<String> names, List<float[]> seeds, int dims, double minSimilarity) {
    this.names = List.copyOf(names);
    this.seeds = seeds.toArray(new float[0][]);
    this.dims = dims;
    this.minSimilarity = minSimilarity;
  }

  /** A facebank without seeds: {@link #match} is always empty. */
  public static CastFacebank empty() {
    return EMPTY;
  }

  /**
   * Builds a facebank from seeds of one model.
   *
   * @param seedNames     cast member of each seed
   * @param seedVectors   {@code float[S][D]}, one vector per seed, any positive norm
   * @param minSimilarity cosine similarity at which a face takes a cast member's name, -1..1
   * @throws IllegalArgumentException when sizes disagree, dimensions differ or a seed has zero norm
   */
  public static CastFacebank of(List<String> seedNames, List<float[]> seedVectors, double minSimilarity) {
    if (seedNames.size() != seedVectors.size()) {
      throw new IllegalArgumentException(seedNames.size() + " seed names for " + seedVectors.size() + " vectors");
    }
    if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
      throw new IllegalArgumentException("minSimilarity must be in [-1, 1], was " + minSimilarity);
    }
    int dims = seedVectors.isEmpty() ? 0 : seedVectors.get(0).length;
    List<float[]> unit = new ArrayList<>(seedVectors.size());
    for (int i = 0; i < seedVectors.size(); i++) {
      float[] v = seedVectors.get(i);
      if (v.length != dims) {
        throw new IllegalArgumentException("seed " + i + " of '" + seedNames.get(i) + "' has " + v.length
            + " dimensions, expected " + dims);
      }
      unit.add(normalised(v, seedNames.get(i)));
    }
    seedNames.forEach(n -> Objects.requireNonNull(n, "seed name"));
    return new CastFacebank(seedNames, unit, dims, minSimilarity);
  }

  /**
   * The nearest cast member of a face.
   *
   * @param embedding {@code float[D]} L2-normalised face embedding
   * @return empty when there are no seeds
   * @throws IllegalArgumentException when the dimension differs from the seeds'
   */
  public Optional<CastMatch> match(float[] embedding) {
    if (seeds.length == 0) {
      return Optional.empty();
    }
    if (embedding.length != dims) {
      throw new IllegalArgumentException("embedding has " + embedding.length + " dimensions, seeds have " + dims);
    }
    int best = -1;
    double bestSim = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < seeds.length; s++) {
      double dot = 0;
      float[] seed = seeds[s];
      for (int i = 0; i < dims; i++) {
        dot += (double) seed[i] * embedding[i];
      }
      if (dot > bestSim) {
        bestSim = dot;
        best = s;
      }
    }
    return Optional.of(new CastMatch(names.get(best), (float) bestSim, bestSim >= minSimilarity));
  }

  /** Number of usable seeds. */
  public int seedCount() {
    return seeds.length;
  }

  /** Distinct cast members with usable seeds, in first-seen order. */
  public List<String> people() {
    return names.stream().distinct().toList();
  }

  private static float[] normalised(float[] v, String name) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    n = Math.sqrt(n);
    if (!(n > 0) || !Double.isFinite(n)) {
      throw new IllegalArgumentException("seed of '" + name + "' has norm " + n);
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }
}
