package io.screenalytics.identities.identity;

import io.screenalytics.identities.episode.FaceRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the best few thumbnails of an identity.
 *
 * <p>Candidates are faces carrying JPEG bytes, ranked by {@link FaceScore#score} (det_score times
 * sharpness), ties by {@code face_id}. The first pass takes the best face of each track, so the
 * thumbnails show different shots rather than near-identical consecutive frames; a second pass fills
 * up with the remaining faces in rank order.
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class ThumbnailSelector {

  private final int perIdentity;
  private final double blurReference;

  /**
   * @param perIdentity   how many thumbnails to keep, &gt;= 0
   * @param blurReference see {@link FaceScore}
   */
  public ThumbnailSelector(int perIdentity, double blurReference) {
    this.perIdentity = perIdentity;
    this.blurReference = blurReference;
  }

  /** Up to {@code perIdentity} faces of {@code faces}, best first. */
  public List<FaceRecord> select(List<FaceRecord> faces) {
    Comparator<FaceRecord> byScore = Comparator
        .comparingDouble((FaceRecord f) -> -FaceScore.score(f, blurReference))
        .thenComparing(FaceRecord::faceId);
    List<FaceRecord> ranked = faces.stream()
        .filter(f -> f.thumbnailJpeg() != null)
        .sorted(byScore)
        .toList();
    List<FaceRecord> chosen = new ArrayList<>();
    Set<Integer> tracksUsed = new HashSet<>();
    for (FaceRecord f : ranked) {
      if (chosen.size() < perIdentity && tracksUsed.add(f.trackId())) {
        chosen.add(f);
      }
    }
    for (FaceRecord f : ranked) {
      if (chosen.size() < perIdentity && !chosen.contains(f)) {
        chosen.add(f);
      }
    }
    chosen.sort(byScore);
    return chosen;
  }

  /** The ranking score of a face, 0..1 (see {@link FaceScore#score}). */
  public double score(FaceRecord face) {
    return FaceScore.score(face, blurReference);
  }
}
