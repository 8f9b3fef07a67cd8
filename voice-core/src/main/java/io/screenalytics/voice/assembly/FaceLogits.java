package io.screenalytics.voice.assembly;

import java.util.Objects;

/**
 * Active speaker logits of one face track over one scored span, with the face identity the track belongs to: one
 * Light-ASD logit per video frame, {@code >= 0} meaning the face speaks (see {@code docs/active-speaker.md}). The
 * identities library maps the active speaker stage's tracks to identities and hands these to {@link VoiceAssembly}.
 *
 * @param identityId the face identity of the track ({@code katie_hill}, {@code unknown_03})
 * @param trackId    the face track
 * @param startS     time of the first logit, seconds from the start of the episode
 * @param fps        logits per second (25: Light-ASD's video rate)
 * @param logits     {@code float[frames]}, frame {@code i} covering {@code [startS + i / fps, startS + (i + 1) / fps)}
 */
public record FaceLogits(String identityId, int trackId, double startS, double fps, float[] logits) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException when {@code fps} is not positive
   */
  public FaceLogits {
    Objects.requireNonNull(identityId, "identityId");
    checkSpan(logits, fps);
  }

  /** Time just after the last logit, seconds. */
  public double endS() {
    return startS + logits.length / fps;
  }

  /** The logit of the frame covering {@code ts} seconds, or NaN outside the span. */
  public float logitAt(double ts) {
    return logitAt(logits, startS, fps, ts);
  }

  /**
   * Checks a span of logits (the one rule for every holder of them, such as the identities' {@code TrackLogits}).
   *
   * @throws IllegalArgumentException when {@code fps} is not positive
   * @throws NullPointerException     when {@code logits} is null
   */
  public static void checkSpan(float[] logits, double fps) {
    Objects.requireNonNull(logits, "logits");
    if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive: " + fps);
  }

  /**
   * The logit of the frame of a span covering {@code ts} seconds, frame {@code i} covering
   * {@code [startS + i / fps, startS + (i + 1) / fps)}; NaN outside the span.
   */
  public static float logitAt(float[] logits, double startS, double fps, double ts) {
    int i = (int) Math.floor((ts - startS) * fps);
    return i < 0 || i >= logits.length ? Float.NaN : logits[i];
  }
}
