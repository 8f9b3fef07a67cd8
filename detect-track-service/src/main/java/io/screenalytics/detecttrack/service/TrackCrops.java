package io.screenalytics.detecttrack.service;

import io.screenalytics.schemas.TrackQuality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The best crops and the crop-quality statistics of each open track of one episode.
 *
 * <p>"Keep at most K samples per track for crops" (the tuned original keeps 6): every face is still published
 * in its frame's {@code FaceBatch} (embedding, screen time and thumbnails need them), but each closed track names
 * its best K face ids, ranked by {@code clamp(det_score, 0, 1) * blur / (blur + 100)}: detection confidence
 * times the saturating sharpness of the aligned crop (the same score assembly uses for thumbnails and embedding
 * weights, {@code FaceQuality}). Ties keep the earlier face. Memory is O(K) per open track.
 *
 * <p>Not thread-safe; one per episode session.
 */
final class TrackCrops {

  /** Laplacian variance at which sharpness counts one half (assembly's default blur reference). */
  static final double BLUR_REFERENCE = 100.0;

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingDouble(Candidate::rank).reversed().thenComparingLong(Candidate::order);

  private final int perTrack;
  private final Map<Integer, Track> open = new HashMap<>();
  private long order;

  /** @param perTrack best faces kept per track, at least 1 */
  TrackCrops(int perTrack) {
    if (perTrack < 1) {
      throw new IllegalArgumentException("crops per track must be >= 1, got " + perTrack);
    }
    this.perTrack = perTrack;
  }

  /**
   * Records one published face of a track.
   *
   * @param faceHeight detected box height, source pixels
   */
  void add(int trackId, String faceId, float detScore, float blur, float contrast, float faceHeight) {
    Track t = open.computeIfAbsent(trackId, id -> new Track());
    t.faces++;
    t.detMin = Math.min(t.detMin, detScore);
    t.detMax = Math.max(t.detMax, detScore);
    t.blurSum += blur;
    t.blurMax = Math.max(t.blurMax, blur);
    t.contrastSum += contrast;
    t.heightSum += faceHeight;
    t.best.add(new Candidate(faceId, rank(detScore, blur), order++));
    t.best.sort(BEST_FIRST);
    if (t.best.size() > perTrack) {
      t.best.remove(t.best.size() - 1);
    }
  }

  /** {@code clamp(det_score, 0, 1) * b / (b + 100)} with {@code b = max(blur, 0)}; 0..1. */
  static double rank(float detScore, float blur) {
    double b = Math.max(0.0, blur);
    return Math.min(1.0, Math.max(0.0, detScore)) * b / (b + BLUR_REFERENCE);
  }

  /**
   * Removes a track and returns its best face ids (best first) and statistics; an unknown track gives no ids
   * and null statistics.
   */
  Closed close(int trackId) {
    Track t = open.remove(trackId);
    if (t == null) {
      return new Closed(List.of(), null);
    }
    TrackQuality q = TrackQuality.newBuilder()
        .setFaces(t.faces)
        .setDetScoreMin(t.detMin)
        .setDetScoreMax(t.detMax)
        .setBlurMean((float) (t.blurSum / t.faces))
        .setBlurMax(t.blurMax)
        .setContrastMean((float) (t.contrastSum / t.faces))
        .setFaceHeightMean((float) (t.heightSum / t.faces))
        .build();
    return new Closed(t.best.stream().map(Candidate::faceId).toList(), q);
  }

  /** Forgets a track (dropped as too short). */
  void drop(int trackId) {
    open.remove(trackId);
  }

  /** Number of tracks with recorded faces. */
  int openTracks() {
    return open.size();
  }

  /**
   * What a closed track carries.
   *
   * @param bestFaceIds at most K face ids, best first
   * @param quality     statistics over all its faces, or null when none was recorded
   */
  record Closed(List<String> bestFaceIds, TrackQuality quality) {}

  private record Candidate(String faceId, double rank, long order) {}

  private static final class Track {
    final List<Candidate> best = new ArrayList<>();
    int faces;
    float detMin = Float.POSITIVE_INFINITY;
    float detMax = Float.NEGATIVE_INFINITY;
    double blurSum;
    float blurMax = Float.NEGATIVE_INFINITY;
    double contrastSum;
    double heightSum;
  }
}
