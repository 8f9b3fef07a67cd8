package io.screenalytics.voice.frontend;

/**
 * Resemblyzer's volume normalisation ({@code audio.normalize_volume(wav, -30, increase_only=True)}):
 * {@code dBFS = 20 log10(rms)} of samples in [-1, 1]; when it is below {@link FrontEndSpec#TARGET_DBFS} the samples
 * are multiplied by {@code 10^((target - dBFS) / 20)}. Digital silence (rms 0) is left as it is. Stateless.
 */
public final class Loudness {

  private Loudness() {
  }

  /**
   * Amplitude gain that brings audio of the given mean square to the target, at least 1.
   *
   * @param meanSquare mean of the squared samples
   */
  public static double gainFor(double meanSquare) {
    if (!(meanSquare > 0)) return 1.0;
    double dbfs = 10 * Math.log10(meanSquare);
    return dbfs < FrontEndSpec.TARGET_DBFS ? Math.pow(10, (FrontEndSpec.TARGET_DBFS - dbfs) / 20) : 1.0;
  }

  /** A normalised copy of {@code samples}. */
  public static float[] normalise(float[] samples) {
    double s = 0;
    for (float x : samples) s += (double) x * x;
    double gain = gainFor(samples.length == 0 ? 0 : s / samples.length);
    float[] out = new float[samples.length];
    for (int i = 0; i < samples.length; i++) out[i] = (float) (samples[i] * gain);
    return out;
  }
}
