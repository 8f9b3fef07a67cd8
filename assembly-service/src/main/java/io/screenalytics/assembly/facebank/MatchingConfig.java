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
   * 0.40, lower than the clustering threshold (0.5) on purpose. Measured with the project's
   * ArcFace-class embedders on labelled photos ({@code shared/models/MODELS.md}): same-person pairs
   * average 0.76, different-person pairs peak at 0.34-0.41. Seeds are posed photos while centroids
   * come from broadcast frames (lighting, pose, compression), which lowers same-person similarity, so
   * the cut sits at the top of the impostor range rather than midway; an identity centroid averages
   * many faces, which keeps its impostor similarities below single-pair maxima. Raise it when the
   * cast has look-alikes, lower it when seeds are few and poor.
   */
  public static final double DEFAULT_MIN_SIMILARITY = 0.40;

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
