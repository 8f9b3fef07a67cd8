package io.screenalytics.voice.frontend;

/**
 * Triangular mel filterbanks in two recipes: {@link #slaney} (librosa's, for GE2E) and {@link #speechFeatures}
 * (python_speech_features', for Light-ASD's MFCC). Computed in double precision. Immutable and thread-safe.
 */
public final class MelFilterbank {

  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOG_STEP = Math.log(6.4) / 27.0;

  private final double[][] weights;
  private final int[] firstBin;
  private final int[] lastBin;

  private MelFilterbank(double[][] weights) {
    this.weights = weights;
    firstBin = new int[weights.length];
    lastBin = new int[weights.length];
    for (int m = 0; m < weights.length; m++) {
      int a = 0;
      int b = weights[m].length - 1;
      while (a < b && weights[m][a] == 0) a++;
      while (b > a && weights[m][b] == 0) b--;
      firstBin[m] = a;
      lastBin[m] = b;
    }
  }

  /**
   * The Slaney filterbank of librosa's {@code filters.mel(sr, n_fft, n_mels)} (defaults {@code htk=False},
   * {@code norm='slaney'}, fmin 0, fmax sr/2): triangular filters on the Slaney mel scale (linear below 1 kHz at
   * 200/3 Hz per mel, logarithmic above with step ln(6.4)/27), each scaled to unit area ({@code 2 / (f[i+2] - f[i])}).
   *
   * @param sampleRate Hz (16,000 for GE2E)
   * @param nFft       FFT length (400); {@code nFft / 2 + 1} frequency bins
   * @param nMels      number of bands (40)
   */
  public static MelFilterbank slaney(int sampleRate, int nFft, int nMels) {
    int bins = nFft / 2 + 1;
    double maxMel = hzToMel(sampleRate / 2.0);
    double[] melF = new double[nMels + 2];
    for (int i = 0; i < melF.length; i++) {
      melF[i] = melToHz(maxMel * i / (nMels + 1));
    }
    double[][] w = new double[nMels][bins];
    for (int m = 0; m < nMels; m++) {
      double lowerWidth = melF[m + 1] - melF[m];
      double upperWidth = melF[m + 2] - melF[m + 1];
      double enorm = 2.0 / (melF[m + 2] - melF[m]);
      for (int k = 0; k < bins; k++) {
        double f = k * (double) sampleRate / nFft;
        double lower = (f - melF[m]) / lowerWidth;
        double upper = (melF[m + 2] - f) / upperWidth;
        w[m][k] = Math.max(0, Math.min(lower, upper)) * enorm;
      }
    }
    return new MelFilterbank(w);
  }

  /**
   * The filterbank of python_speech_features 0.6 ({@code get_filterbanks}): {@code nMels + 2} points evenly spaced
   * on the HTK mel scale ({@code 2595 log10(1 + f / 700)}) from {@code lowHz} to {@code highHz}, each snapped down
   * to an FFT bin ({@code floor((nFft + 1) hz / sampleRate)}); filter {@code j} rises linearly from bin {@code b[j]}
   * (0) to {@code b[j + 1]} (1) and falls to {@code b[j + 2]} (0), unnormalised; a filter whose two points share a
   * bin has no rising (or falling) part.
   *
   * @param sampleRate Hz (16,000 for Light-ASD)
   * @param nFft       FFT length (512); {@code nFft / 2 + 1} frequency bins
   * @param nMels      number of filters (26)
   * @param lowHz      lowest edge in Hz (0)
   * @param highHz     highest edge in Hz ({@code sampleRate / 2})
   * @throws IllegalArgumentException when the edges are not {@code 0 <= lowHz < highHz <= sampleRate / 2}
   */
  public static MelFilterbank speechFeatures(int sampleRate, int nFft, int nMels, double lowHz, double highHz) {
    if (!(lowHz >= 0 && lowHz < highHz && highHz <= sampleRate / 2.0)) {
      throw new IllegalArgumentException("filterbank edges must satisfy 0 <= low < high <= " + sampleRate / 2
          + ", were " + lowHz + ", " + highHz);
    }
    double lowMel = htkHzToMel(lowHz);
    double highMel = htkHzToMel(highHz);
    int[] bin = new int[nMels + 2];
    for (int i = 0; i < bin.length; i++) {
      // numpy.linspace: low + i * step, the last point exactly high
      double mel = i == bin.length - 1 ? highMel : lowMel + i * ((highMel - lowMel) / (nMels + 1));
      bin[i] = (int) Math.floor((nFft + 1) * htkMelToHz(mel) / sampleRate);
    }
    double[][] w = new double[nMels][nFft / 2 + 1];
    for (int j = 0; j < nMels; j++) {
      for (int i = bin[j]; i < bin[j + 1]; i++) w[j][i] = (i - bin[j]) / (double) (bin[j + 1] - bin[j]);
      for (int i = bin[j + 1]; i < bin[j + 2]; i++) w[j][i] = (bin[j + 2] - i) / (double) (bin[j + 2] - bin[j + 1]);
    }
    return new MelFilterbank(w);
  }

  /** Hz to HTK mel, {@code 2595 log10(1 + hz / 700)}. */
  public static double htkHzToMel(double hz) {
    return 2595 * Math.log10(1 + hz / 700);
  }

  /** HTK mel to Hz, {@code 700 (10^(mel / 2595) - 1)}. */
  public static double htkMelToHz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }

  /** Hz to Slaney mel. */
  public static double hzToMel(double hz) {
    return hz < MIN_LOG_HZ ? hz / F_SP : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
  }

  /** Slaney mel to Hz. */
  public static double melToHz(double mel) {
    return mel < MIN_LOG_MEL ? mel * F_SP : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
  }

  /** Number of bands. */
  public int bands() {
    return weights.length;
  }

  /** Number of frequency bins per band ({@code nFft / 2 + 1}). */
  public int bins() {
    return weights[0].length;
  }

  /** Weight of frequency bin {@code bin} in band {@code band}. */
  public double weight(int band, int bin) {
    return weights[band][bin];
  }

  /**
   * Applies the filterbank to one power spectrum.
   *
   * @param power {@code double[bins()]}
   * @param out   receives {@code bands()} values at {@code out[outOffset ...]}
   */
  public void apply(double[] power, float[] out, int outOffset) {
    for (int m = 0; m < weights.length; m++) {
      double s = 0;
      double[] wm = weights[m];
      for (int k = firstBin[m]; k <= lastBin[m]; k++) s += wm[k] * power[k];
      out[outOffset + m] = (float) s;
    }
  }

  /**
   * Applies the filterbank to one power spectrum in double precision.
   *
   * @param power {@code double[bins()]}
   * @param out   receives {@code bands()} values
   */
  public void apply(double[] power, double[] out) {
    for (int m = 0; m < weights.length; m++) {
      double s = 0;
      double[] wm = weights[m];
      for (int k = firstBin[m]; k <= lastBin[m]; k++) s += wm[k] * power[k];
      out[m] = s;
    }
  }
}
