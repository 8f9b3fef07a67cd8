package io.screenalytics.identities.facebank;

import java.util.Objects;

/**
 * Which face of an enrolment photo a seed was taken from, and how well it agrees with the person's other photos, so
 * that {@code facebank list} can show it and a reviewer can find a seed taken from the wrong face.
 *
 * @param bboxXyxy     the face's box in the photo, {@code float[4]} x1, y1, x2, y2, pixels
 * @param facesInPhoto faces the detector found in the photo (with landmarks)
 * @param agreement    median cosine similarity of the seed to the seeds of the person's other photos, or
 *                     {@code NaN} when the person had no other photo to compare with ({@link PhotoCheck})
 */
public record PhotoFace(float[] bboxXyxy, int facesInPhoto, double agreement) {

  public PhotoFace {
    Objects.requireNonNull(bboxXyxy, "bboxXyxy");
    if (bboxXyxy.length != 4) {
      throw new IllegalArgumentException("bbox_xyxy needs 4 values, got " + bboxXyxy.length);
    }
  }

  /** The box's width and height, pixels, as {@code WxH}. */
  public String size() {
    return Math.round(bboxXyxy[2] - bboxXyxy[0]) + "x" + Math.round(bboxXyxy[3] - bboxXyxy[1]);
  }
}
