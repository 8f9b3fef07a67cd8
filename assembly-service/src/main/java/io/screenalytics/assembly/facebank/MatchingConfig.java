package io.screenalytics.assembly.facebank;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of cast matching.
 *
 * @param minSimilarity an identity is named after its best cast member when the max cosine
 *                      similarity between its centroid and that member's seeds is at least this,
 *                      -1..1; see {@link #DEFAULT_MIN_SIMILARITY}
 */
public record MatchingConfig(double minSimilarity) {

  /**
   * 0.28, well below the clustering threshold (0.5) on purpose. Seeds are posed frontal photos while
   * centroids come from broadcast frames (profile, lighting, compression), which lowers same-person
   * similarity far below the 0.76 that labelled photo pairs average ({@code shared/models/MODELS.md}).
   * Measured on the Hamilton clip with {@code fr_feature}: Barack Obama, seen only in strict profile,
   * matches his seeds at 0.318; Lin-Manuel Miranda, frontal, at 0.726; the best impostor centroid
   * (any other cluster against any cast member) reaches 0.107. Single photo pairs of different people
   * peak at 0.34-0.41, but a centroid averages many faces, which keeps impostor similarity low. Raise
   * it when the cast has look-alikes; lower it when seeds are few and poor.
   */
  public static final double DEFAULT_MIN_SIMILARITY = 0.28;

  /** The defaults above. */
  public static MatchingConfig defaults() {
    return new MatchingConfig(DEFAULT_MIN_SIMILARITY);
  }

  /** Every problem with these values, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!(minSimilarity >= -1.0 && minSimilarity <= 1.0)) {
      problems.add("min match similarity must be in [-1, 1], got " + minSimilarity);
    }
    return problems;
  }
}
