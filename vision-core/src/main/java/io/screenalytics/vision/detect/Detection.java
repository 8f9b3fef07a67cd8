package io.screenalytics.vision.detect;

import java.util.Arrays;
import java.util.Objects;

/**
 * One detected face, in source-image pixels (the image given to {@link FaceDetector#detect}).
 *
 * <p>Arrays are not copied: treat as immutable.
 *
 * @param bboxXyxy  {@code float[4]}: x1, y1, x2, y2 in source pixels, clipped to the image, x2 >= x1, y2 >= y1
 * @param landmarks {@code float[10]}: five (x, y) points in source pixels, not clipped, in the order
 *                  right eye, left eye, nose tip, right mouth corner, left mouth corner (subject's right, i.e.
 *                  image left first; YuNet's and the ArcFace template's order); {@code float[0]} for detector
 *                  families without landmarks
 * @param score     detector confidence 0..1
 */
public record Detection(float[] bboxXyxy, float[] landmarks, float score) {

  /** Checks the array lengths. */
  public Detection {
    Objects.requireNonNull(bboxXyxy, "bboxXyxy");
    Objects.requireNonNull(landmarks, "landmarks");
    if (bboxXyxy.length != 4) throw new IllegalArgumentException("bboxXyxy needs 4 values, got " + bboxXyxy.length);
    if (landmarks.length != 10 && landmarks.length != 0) {
      throw new IllegalArgumentException("landmarks needs 10 values (or 0), got " + landmarks.length);
    }
  }

  /** Whether the detector gave the five landmarks. */
  public boolean hasLandmarks() {
    return landmarks.length == 10;
  }

  /** Box width in pixels. */
  public float width() {
    return bboxXyxy[2] - bboxXyxy[0];
  }

  /** Box height in pixels. */
  public float height() {
    return bboxXyxy[3] - bboxXyxy[1];
  }

  /** Box area in square pixels. */
  public float area() {
    return Math.max(0f, width()) * Math.max(0f, height());
  }

  /** Intersection over union of the two boxes, 0..1. */
  public float iou(Detection other) {
    return Nms.iou(bboxXyxy, other.bboxXyxy);
  }

  @Override public boolean equals(Object o) {
    return o instanceof Detection d && Arrays.equals(bboxXyxy, d.bboxXyxy) && Arrays.equals(landmarks, d.landmarks)
        && Float.compare(score, d.score) == 0;
  }

  @Override public int hashCode() {
    return 31 * (31 * Arrays.hashCode(bboxXyxy) + Arrays.hashCode(landmarks)) + Float.hashCode(score);
  }

  @Override public String toString() {
    return String.format("Detection[box=(%.1f, %.1f, %.1f, %.1f) score=%.3f]",
        bboxXyxy[0], bboxXyxy[1], bboxXyxy[2], bboxXyxy[3], score);
  }
}
