package io.screenalytics.identities.episode;

/**
 * One sampled frame in which a track had a detection.
 *
 * <p>The array is not copied: treat it as immutable.
 *
 * @param frameIdx source frame index (0-based, in source frames, not sampled frames)
 * @param ts       presentation time, seconds
 * @param bboxXyxy {@code float[4]} x1, y1, x2, y2 in source pixels
 * @param detScore detector confidence, 0..1
 */
public record TrackSample(long frameIdx, double ts, float[] bboxXyxy, float detScore) {

  public TrackSample {
    Boxes.requireBox(bboxXyxy);
  }
}
