package io.screenalytics.detecttrack.track;

import java.util.Objects;

/**
 * One output track of a processed frame: an activated track in state Tracked (the reference's
 * {@code online_targets}).
 *
 * @param trackId   track id, unique per {@link TrackIdSequence}
 * @param box       the Kalman posterior box, pixels {@code xyxy} with {@code x2 = x1 + w} (what the reference
 *                  outputs as {@code tlwh})
 * @param score     score of the detection matched this frame
 * @param detection the input detection matched to the track in this frame; use its box and
 *                  {@link ScoredBox#index()} to crop, not the Kalman box
 */
public record TrackedBox(int trackId, BBox box, double score, ScoredBox detection) {

  /** Checks for nulls. */
  public TrackedBox {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(detection, "detection");
  }

  /** The caller's index of the matched detection, see {@link ScoredBox#index()}. */
  public int detectionIndex() {
    return detection.index();
  }

  /** The Kalman box as {@code [x, y, w, h]}, pixels. */
  public double[] tlwh() {
    return box.tlwh();
  }
}
