package io.screenalytics.identities.voice;

import io.screenalytics.voice.assembly.FaceLogits;

/**
 * Active speaker logits of one face track over one span the active speaker stage scored: one Light-ASD logit per
 * video frame, {@code >= 0} meaning speaking (Liao et al., CVPR 2023; see {@code docs/active-speaker.md}).
 *
 * @param trackId the face track ({@code track_id} of {@code screenalytics.tracks})
 * @param startS  time of the first logit, seconds from the start of the episode
 * @param fps     logits per second (25: Light-ASD's video rate)
 * @param logits  {@code float[frames]}, frame {@code i} at {@code startS + i / fps}
 */
public record TrackLogits(int trackId, double startS, double fps, float[] logits) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException when {@code fps} is not positive
   */
  public TrackLogits {
    FaceLogits.checkSpan(logits, fps);
  }

  /** Time just after the last logit, seconds. */
  public double endS() {
    return startS + logits.length / fps;
  }

  /** The logit at time {@code ts} seconds, or NaN outside the span. */
  public float logitAt(double ts) {
    return FaceLogits.logitAt(logits, startS, fps, ts);
  }
}
