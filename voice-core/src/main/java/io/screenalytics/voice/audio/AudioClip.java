package io.screenalytics.voice.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mono audio held in memory: {@code float[n]} samples in [-1, 1] at {@link #sampleRate()} Hz. Immutable by contract
 * (the array is not copied on access: do not modify it).
 *
 * @param samples    {@code float[n]}
 * @param sampleRate samples per second, e.g. {@link AudioDecoder#SAMPLE_RATE}
 */
public record AudioClip(float[] samples, int sampleRate) {

  /** Validates the rate. */
  public AudioClip {
    Objects.requireNonNull(samples, "samples");
    if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be > 0, was " + sampleRate);
  }

  /** Length in seconds. */
  public double seconds() {
    return samples.length / (double) sampleRate;
  }

  /** The samples of {@code [fromS, toS)}, clamped to the clip; a copy. */
  public AudioClip slice(double fromS, double toS) {
    int a = (int) Math.max(0, Math.min(samples.length, Math.round(fromS * sampleRate)));
    int b = (int) Math.max(a, Math.min(samples.length, Math.round(toS * sampleRate)));
    return new AudioClip(Arrays.copyOfRange(samples, a, b), sampleRate);
  }

  @Override public boolean equals(Object o) {
    return o instanceof AudioClip c && c.sampleRate == sampleRate && Arrays.equals(c.samples, samples);
  }

  @Override public int hashCode() {
    return 31 * Arrays.hashCode(samples) + sampleRate;
  }

  @Override public String toString() {
    return "AudioClip[" + samples.length + " samples, " + sampleRate + " Hz]";
  }
}
