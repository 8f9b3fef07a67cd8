package io.screenalytics.identities.facebank;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of cast matching: one threshold for identities (a centroid of many faces) and one for single faces.
 *
 * @param minSimilarity     an identity is named after its best cast member when the max cosine
 *                          similarity between its centroid and that member's seeds is at least this,
 *                          -1..1; see {@link #DEFAULT_MIN_SIMILARITY}
 * @param faceMinSimilarity a single face's row in {@code faces.jsonl} names its nearest seed's cast member
 *                          ({@code seed_cast_id}) when their cosine similarity is at least this, -1..1; see
 *                          {@link #DEFAULT_FACE_MIN_SIMILARITY}
 * @param margin            a track or cluster takes a name only when its similarity to that cast member beats the
 *                          runner-up (the next cast member, or an unnamed person of the episode) by at least this,
 *                          0..1; see {@link #DEFAULT_MARGIN}
 */
public record MatchingConfig(double minSimilarity, double faceMinSimilarity, double margin) {

  /**
   * 0.05: on the two cases of {@code NamingEvaluationIT} every right name beats its runner-up by 0.07 or more (the
   * closest, Barack Obama in profile on the Hamilton clip: 0.291 to his photo, 0.219 to an unnamed sharp person of
   * the clip); the wrong name the margin stops, a radio speaker's degraded track at 0.257 to Katie Hill's sharp
   * track, was 0.30 closer to the same speaker's own sharp track (0.555). 0.05 is also about the spread between the
   * 99th percentile of different-person cosines and the 1 % false-accept threshold in the calibration of
   * {@link io.screenalytics.identities.naming.QualityBand}.
   */
  public static final double DEFAULT_MARGIN = 0.05;

  /** Names at {@code minSimilarity} and {@code faceMinSimilarity} with the default margin. */
  public MatchingConfig(double minSimilarity, double faceMinSimilarity) {
    this(minSimilarity, faceMinSimilarity, DEFAULT_MARGIN);
  }

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

  /**
   * 0.42 per face, higher than for identities: one face is noisier than a centroid. Measured with {@code bench/run
   * embed} on the labelled deepface photos (25 photos of 9 people, fr_feature): different-person pairs reach at most
   * 0.33 (p99 0.30), same-person pairs at least 0.38 (p5 0.60); at 0.42, 97% of same-person pairs and no
   * different-person pair would name a face. 0.42 also stays above the largest different-person cosine reported for
   * either bundled embedder (0.41, {@code shared/models/MODELS.md}).
   */
  public static final double DEFAULT_FACE_MIN_SIMILARITY = 0.42;

  /** Identities named at {@code minSimilarity}, single faces at {@link #DEFAULT_FACE_MIN_SIMILARITY}. */
  public MatchingConfig(double minSimilarity) {
    this(minSimilarity, DEFAULT_FACE_MIN_SIMILARITY);
  }

  /** The defaults above. */
  public static MatchingConfig defaults() {
    return new MatchingConfig(DEFAULT_MIN_SIMILARITY, DEFAULT_FACE_MIN_SIMILARITY, DEFAULT_MARGIN);
  }

  /** Every problem with these values, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!(minSimilarity >= -1.0 && minSimilarity <= 1.0)) {
      problems.add("min match similarity must be in [-1, 1], got " + minSimilarity);
    }
    if (!(faceMinSimilarity >= -1.0 && faceMinSimilarity <= 1.0)) {
      problems.add("min face match similarity must be in [-1, 1], got " + faceMinSimilarity);
    }
    if (!(margin >= 0.0 && margin <= 1.0)) {
      problems.add("naming margin must be in [0, 1], got " + margin);
    }
    return problems;
  }
}
