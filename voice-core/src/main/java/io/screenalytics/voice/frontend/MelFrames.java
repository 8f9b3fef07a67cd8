package io.screenalytics.voice.frontend;

import java.util.Objects;

/**
 * A mel power spectrogram, frame-major: {@code float[frames][40]} flattened row by row, with each 10 ms hop's
 * mean square of the raw samples (for per-window loudness normalisation). Immutable by contract.
 *
 * @param data       {@code float[frames * 40]}
 * @param frames     number of frames (frame {@code t} is centred on sample {@code t * 160})
 * @param hopEnergy  {@code float[hops]}: mean square of samples {@code [h * 160, (h + 1) * 160)}; may be shorter
 *                   than {@code frames} by one (the last frame is centred on the end of the audio)
 */
public record MelFrames(float[] data, int frames, float[] hopEnergy) {

  /** Validates the sizes. */
  public MelFrames {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(hopEnergy, "hopEnergy");
    if (data.length != frames * FrontEndSpec.MELS) {
      throw new IllegalArgumentException("data holds " + data.length + " values for " + frames + " frames of 40");
    }
  }

  /** Seconds covered, {@code frames * 0.01}. */
  public double seconds() {
    return frames * (double) FrontEndSpec.HOP / FrontEndSpec.SAMPLE_RATE;
  }

  /**
   * The model input for one window: frames {@code [first, first + 160)}, zero beyond the end, multiplied by the
   * power gain that brings the window's audio to -30 dBFS ({@link Loudness}), as GE2E's front end does when the
   * window's samples are normalised on their own.
   *
   * @param first first frame; {@code >= 0}
   * @return {@code float[160 * 40]}
   */
  public float[] window(int first) {
    if (first < 0) throw new IllegalArgumentException("first frame must be >= 0, was " + first);
    int n = FrontEndSpec.PARTIAL_FRAMES;
    double sum = 0;
    int hops = 0;
    for (int h = first; h < Math.min(first + n, hopEnergy.length); h++, hops++) sum += hopEnergy[h];
    double gain = Loudness.gainFor(hops == 0 ? 0 : sum / hops);
    float power = (float) (gain * gain);
    return slice(first, power);
  }

  /**
   * Frames {@code [first, first + 160)} scaled by {@code powerGain}, zero-padded beyond the end: an utterance
   * partial of already normalised audio ({@code powerGain} 1).
   *
   * @return {@code float[160 * 40]}
   */
  public float[] slice(int first, float powerGain) {
    int m = FrontEndSpec.MELS;
    float[] out = new float[FrontEndSpec.PARTIAL_FRAMES * m];
    int last = Math.min(frames, first + FrontEndSpec.PARTIAL_FRAMES);
    for (int t = first; t < last; t++) {
      for (int b = 0; b < m; b++) out[(t - first) * m + b] = data[t * m + b] * powerGain;
    }
    return out;
  }
}
