package io.screenalytics.identities.episode;

import java.util.Objects;

/**
 * One detected, tracked and (possibly) embedded face.
 *
 * <p>Arrays are not copied: treat them as immutable. Equality of records holding arrays is identity
 * of the arrays, as for every Java record.
 *
 * @param faceId        natural key, {@code <episode_id>:<frame_idx>:<index in frame>}
 * @param frameIdx      source frame index (0-based)
 * @param ts            presentation time, seconds
 * @param trackId       ByteTrack track id, unique within the episode
 * @param bboxXyxy      {@code float[4]} x1, y1, x2, y2 in source pixels
 * @param detScore      detector confidence, 0..1
 * @param contrast      standard deviation of the grey-level aligned crop, 0..255
 * @param blur          variance of the Laplacian of the grey-level aligned crop (higher is sharper)
 * @param embedding     {@code float[D]} L2-normalised embedding (D = 512 for ArcFace-class models), or
 *                      {@code null} when the embedder skipped the face
 * @param skipReason    why the face was not embedded, or {@code null}
 * @param thumbnailJpeg the aligned crop as JPEG for reports, or {@code null}; never written to
 *                      {@code faces.jsonl}
 */
public record FaceRecord(
    String faceId,
    long frameIdx,
    double ts,
    int trackId,
    float[] bboxXyxy,
    float detScore,
    float contrast,
    float blur,
    float[] embedding,
    String skipReason,
    byte[] thumbnailJpeg) {

  public FaceRecord {
    Objects.requireNonNull(faceId, "face_id");
    Boxes.requireBox(bboxXyxy);
    if (embedding != null && embedding.length == 0) {
      throw new IllegalArgumentException("face " + faceId + ": empty embedding (use null when skipped)");
    }
  }

  /** A face without a thumbnail. */
  public FaceRecord(
      String faceId, long frameIdx, double ts, int trackId, float[] bboxXyxy, float detScore,
      float contrast, float blur, float[] embedding, String skipReason) {
    this(faceId, frameIdx, ts, trackId, bboxXyxy, detScore, contrast, blur, embedding, skipReason, null);
  }

  /** Whether the face carries an embedding. */
  public boolean hasEmbedding() {
    return embedding != null;
  }

  /** This face with {@code embedding} replaced ({@code float[D]} or null). */
  public FaceRecord withEmbedding(float[] newEmbedding) {
    return new FaceRecord(faceId, frameIdx, ts, trackId, bboxXyxy, detScore, contrast, blur,
        newEmbedding, skipReason, thumbnailJpeg);
  }

  /** This face with the JPEG thumbnail replaced (bytes or null). */
  public FaceRecord withThumbnail(byte[] jpeg) {
    return new FaceRecord(faceId, frameIdx, ts, trackId, bboxXyxy, detScore, contrast, blur,
        embedding, skipReason, jpeg);
  }
}
