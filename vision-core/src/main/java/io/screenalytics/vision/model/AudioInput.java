package io.screenalytics.vision.model;

import java.util.Objects;

/**
 * The audio input of a voice model: per item, {@code frames} time steps of {@code bins} values each, computed from
 * mono audio at {@code sampleRateHz} as {@link #features()} says. Immutable and thread-safe.
 *
 * @param sampleRateHz sample rate of the audio the features come from (16000 for every bundled model)
 * @param features     what one value is: a raw sample, a mel power band or an MFCC coefficient
 * @param frames       time steps per item ({@code 160} 10 ms mel frames for GE2E; {@code 576} samples for Silero);
 *                     0 when the model takes any length
 * @param bins         values per time step ({@code 40} mel bands, {@code 13} MFCC, {@code 1} for raw samples)
 */
public record AudioInput(int sampleRateHz, Features features, int frames, int bins) implements InputSpec {

  /** What the values of an audio input are. */
  public enum Features {
    /** Samples in [-1, 1). */
    SAMPLES,
    /** Mel power spectrogram bands (no log). */
    MEL_POWER,
    /** Mel-frequency cepstral coefficients. */
    MFCC
  }

  /** Validates every field; throws {@link IllegalArgumentException} listing all problems. */
  public AudioInput {
    Objects.requireNonNull(features, "features");
    StringBuilder problems = new StringBuilder();
    if (sampleRateHz <= 0) problems.append("; sampleRateHz must be positive: ").append(sampleRateHz);
    if (frames < 0) problems.append("; frames must be >= 0: ").append(frames);
    if (bins <= 0) problems.append("; bins must be positive: ").append(bins);
    if (problems.length() > 0) {
      throw new IllegalArgumentException("invalid audio input: " + problems.substring(2));
    }
  }
}
