package io.screenalytics.identities.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of track embedding and identity clustering.
 *
 * @param minMergeSimilarity two clusters merge while the mean pairwise cosine similarity of their
 *                           track embeddings is at least this (average linkage), -1..1; see
 *                           {@link #DEFAULT_MIN_MERGE_SIMILARITY}
 * @param blurReference      Laplacian variance at which a face's sharpness is 0.5, &gt; 0; see
 *                           {@link FaceScore}
 */
public record ClusteringConfig(double minMergeSimilarity, double blurReference) {

  /**
   * 0.5: for L2-normalised ArcFace-class embeddings measured here (detect, align, embed on labelled
   * photos, {@code shared/models/MODELS.md}) same-person pairs average a cosine of 0.76 and
   * different-person pairs reach at most 0.34-0.41. Track embeddings are means over many faces, which
   * tends to push same-person similarity up and different-person similarity down; 0.5 sits between
   * the two populations with a margin of about 0.1 above the worst impostor pair.
   */
  public static final double DEFAULT_MIN_MERGE_SIMILARITY = 0.5;

  /** 100: see {@link FaceScore}. */
  public static final double DEFAULT_BLUR_REFERENCE = 100.0;

  /** The defaults above. */
  public static ClusteringConfig defaults() {
    return new ClusteringConfig(DEFAULT_MIN_MERGE_SIMILARITY, DEFAULT_BLUR_REFERENCE);
  }

  /** Cosine distance cut of the dendrogram: {@code 1 - minMergeSimilarity}. */
  public double maxMergeDistance() {
    return 1.0 - minMergeSimilarity;
  }

  /** Every problem with these values, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!(minMergeSimilarity >= -1.0 && minMergeSimilarity <= 1.0)) {
      problems.add("min merge similarity must be in [-1, 1], got " + minMergeSimilarity);
    }
    if (!(blurReference > 0) || Double.isInfinite(blurReference)) {
      problems.add("blur reference must be > 0 and finite, got " + blurReference);
    }
    return problems;
  }
}
