package io.screenalytics.asd.model;

import java.util.Objects;

/**
 * Light-ASD's verdict on one face track: a logit per video frame (25 a second), {@code >= 0} meaning the face
 * speaks in that frame. Immutable by contract (the array is not copied).
 *
 * @param model  name of the model that scored ({@code light_asd_ava} or {@code light_asd_talkset})
 * @param logits {@code float[frames]}; may be shorter than the track when its audio is (the model needs four MFCC
 *               frames per video frame)
 */
public record SpeakingScores(String model, float[] logits) {

  /** Validates. */
  public SpeakingScores {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(logits, "logits");
  }

  /** Number of frames scored. */
  public int frames() {
    return logits.length;
  }

  /** Whether frame {@code i} is speaking (logit {@code >= 0}). */
  public boolean speaking(int i) {
    return logits[i] >= 0;
  }

  /** Share of frames speaking, 0 for an empty track. */
  public double speakingShare() {
    int n = 0;
    for (float l : logits) if (l >= 0) n++;
    return logits.length == 0 ? 0 : n / (double) logits.length;
  }

  /** Mean logit over frames {@code [from, to)} (clipped to the track); NaN when that range is empty. */
  public double meanLogit(int from, int to) {
    int a = Math.max(0, from);
    int b = Math.min(logits.length, to);
    double sum = 0;
    for (int i = a; i < b; i++) sum += logits[i];
    return b > a ? sum / (b - a) : Double.NaN;
  }
}
