package io.screenalytics.identities.identity;

import io.screenalytics.identities.episode.FaceRecord;

/**
 * Face quality score used both to weight embeddings in a track mean and to rank thumbnails.
 *
 * <pre>
 *   sharpness = b / (b + blurReference),   b = max(blur, 0)            in [0, 1)
 *   quality   = clamp(det_score, 0, 1) * sharpness                      in [0, 1)
 * </pre>
 *
 * <p>{@code blur} is the variance of the Laplacian of the grey 112x112 aligned crop, the focus measure
 * of Pech-Pacheco et al. (2000, "Diatom autofocusing in brightfield microscopy: a comparative study",
 * ICPR). The saturating form keeps a sharp crop from dominating a track by orders of magnitude (the
 * variance is unbounded) while a blurred crop (b much less than the reference) weighs close to 0; the
 * reference is the variance at which sharpness is one half (default 100, the "blurry below" cut
 * popularised by A. Rosebrock, "Blur detection with OpenCV", PyImageSearch, 2015, for 8-bit images;
 * tune it on real crops). Detection confidence enters linearly:
 * low-confidence detections are more often profiles, occlusions or false positives.
 *
 * <p>Stateless and thread-safe.
 */
public final class FaceScore {

  private FaceScore() {}

  /** {@code b / (b + blurReference)} with {@code b = max(blur, 0)}; 0..1. */
  public static double sharpness(float blur, double blurReference) {
    double b = Math.max(0.0, blur);
    return b / (b + blurReference);
  }

  /** {@code clamp(det_score, 0, 1) * sharpness(blur)}; 0..1. */
  public static double score(FaceRecord face, double blurReference) {
    double det = Math.min(1.0, Math.max(0.0, face.detScore()));
    return det * sharpness(face.blur(), blurReference);
  }
}
