package io.screenalytics.asd.frontend;

import io.screenalytics.voice.frontend.Fft;
import io.screenalytics.voice.frontend.MelFilterbank;

/**
 * MFCC exactly as {@code python_speech_features.mfcc} 0.6 computes them with its defaults, the audio front end of
 * Light-ASD (the repository's {@code Columbia_test.py}; every step spelled out in
 * {@code shared/models/asd/reference/reference.json}):
 * <ol>
 *   <li>16 kHz mono samples as 16-bit integer values (not scaled to [-1, 1): the scale reaches c0);</li>
 *   <li>pre-emphasis over the whole signal, {@code y[0] = x[0]}, {@code y[n] = x[n] - 0.97 x[n - 1]};</li>
 *   <li>frames of 400 samples (25 ms) every 160 (10 ms) from sample 0, {@code 1 + ceil((len - 400) / 160)} of them
 *       (1 when {@code len <= 400}), the last zero-padded; rectangular window;</li>
 *   <li>power spectrum {@code |rfft(frame, 512)|^2 / 512} (257 bins);</li>
 *   <li>26 filters of {@link MelFilterbank#speechFeatures} from 0 to 8,000 Hz; energies of 0 become machine
 *       epsilon; natural log;</li>
 *   <li>orthonormal DCT-II, first 13 coefficients, lifter 22: {@code c_n (1 + 11 sin(pi n / 22))};</li>
 *   <li>c0 replaced by the natural log of the frame energy (sum of the 257 power bins, 0 becoming epsilon).</li>
 * </ol>
 * Output: {@code float[frames * 13]}, frame-major, 100 frames a second. Computed in double precision (matches the
 * reference to about 1e-6 relative).
 *
 * <p>Not thread-safe (FFT scratch buffers): one instance per thread.
 */
public final class Mfcc {

  /** Sample rate in Hz. */
  public static final int SAMPLE_RATE = 16_000;
  /** Frame length in samples (25 ms). */
  public static final int FRAME = 400;
  /** Hop in samples (10 ms): 100 MFCC frames a second. */
  public static final int HOP = 160;
  /** FFT length. */
  public static final int N_FFT = 512;
  /** Mel filters. */
  public static final int FILTERS = 26;
  /** Cepstral coefficients kept per frame. */
  public static final int COEFFICIENTS = 13;
  /** Pre-emphasis coefficient. */
  public static final double PRE_EMPHASIS = 0.97;
  /** Cepstral lifter. */
  public static final int LIFTER = 22;
  /** numpy's {@code finfo(float).eps}, what python_speech_features puts in place of a zero energy. */
  private static final double EPS = Math.ulp(1.0);

  private static final MelFilterbank FILTERBANK =
      MelFilterbank.speechFeatures(SAMPLE_RATE, N_FFT, FILTERS, 0, SAMPLE_RATE / 2.0);

  private final Fft fft = new Fft(N_FFT);
  private final double[] re = new double[N_FFT];
  private final double[] im = new double[N_FFT];
  private final double[] outRe = new double[N_FFT];
  private final double[] outIm = new double[N_FFT];
  private final double[] power = new double[N_FFT / 2 + 1];
  private final double[] logMel = new double[FILTERS];
  private final double[][] dct = dctRows();
  private final double[] lift = new double[COEFFICIENTS];

  /** A front end with its own FFT buffers. */
  public Mfcc() {
    for (int n = 0; n < COEFFICIENTS; n++) lift[n] = 1 + (LIFTER / 2.0) * Math.sin(Math.PI * n / LIFTER);
  }

  /** Number of MFCC frames for {@code samples} samples: {@code 1 + ceil((samples - 400) / 160)}, 1 when short. */
  public static int frames(int samples) {
    return samples <= FRAME ? 1 : 1 + (samples - FRAME + HOP - 1) / HOP;
  }

  /**
   * Scales float samples in [-1, 1) to 16-bit integer values as FFmpeg's float to s16 conversion does
   * ({@code round(x * 32768)}, clipped to [-32768, 32767]), the input {@link #compute} expects.
   *
   * @param unit samples in [-1, 1), e.g. from {@code voice-core}'s {@code AudioDecoder}
   * @return the same samples as integer values in doubles
   */
  public static double[] pcm16(float[] unit) {
    double[] out = new double[unit.length];
    for (int i = 0; i < unit.length; i++) {
      out[i] = Math.max(-32768, Math.min(32767, Math.rint(unit[i] * 32768.0)));
    }
    return out;
  }

  /** {@link #compute(double[])} of 16-bit samples. */
  public float[] compute(short[] pcm) {
    double[] x = new double[pcm.length];
    for (int i = 0; i < pcm.length; i++) x[i] = pcm[i];
    return compute(x);
  }

  /**
   * MFCC of 16 kHz mono audio.
   *
   * @param pcm samples as 16-bit integer values ({@link #pcm16} converts unit floats); may be empty (one frame of
   *            zeros, as python_speech_features gives)
   * @return {@code float[frames(pcm.length) * 13]}, frame-major
   */
  public float[] compute(double[] pcm) {
    int frames = frames(pcm.length);
    double[] emphasised = new double[(frames - 1) * HOP + FRAME];
    if (pcm.length > 0) emphasised[0] = pcm[0];
    for (int i = 1; i < pcm.length; i++) emphasised[i] = pcm[i] - PRE_EMPHASIS * pcm[i - 1];
    float[] out = new float[frames * COEFFICIENTS];
    for (int f = 0; f < frames; f++) {
      frame(emphasised, f * HOP, out, f * COEFFICIENTS);
    }
    return out;
  }

  private void frame(double[] x, int start, float[] out, int offset) {
    System.arraycopy(x, start, re, 0, FRAME);
    java.util.Arrays.fill(re, FRAME, N_FFT, 0);
    java.util.Arrays.fill(im, 0);
    fft.transform(re, im, outRe, outIm);
    double energy = 0;
    for (int k = 0; k < power.length; k++) {
      power[k] = (outRe[k] * outRe[k] + outIm[k] * outIm[k]) / N_FFT;
      energy += power[k];
    }
    FILTERBANK.apply(power, logMel);
    for (int m = 0; m < FILTERS; m++) logMel[m] = Math.log(logMel[m] == 0 ? EPS : logMel[m]);
    for (int n = 0; n < COEFFICIENTS; n++) {
      double c = 0;
      for (int m = 0; m < FILTERS; m++) c += dct[n][m] * logMel[m];
      out[offset + n] = (float) (c * lift[n]);
    }
    out[offset] = (float) Math.log(energy == 0 ? EPS : energy);
  }

  /** Orthonormal DCT-II rows: {@code sqrt(2 / N) cos(pi n (2m + 1) / 2N)}, row 0 scaled by {@code 1 / sqrt(2)}. */
  private static double[][] dctRows() {
    double[][] rows = new double[COEFFICIENTS][FILTERS];
    for (int n = 0; n < COEFFICIENTS; n++) {
      double scale = Math.sqrt(2.0 / FILTERS) * (n == 0 ? Math.sqrt(0.5) : 1);
      for (int m = 0; m < FILTERS; m++) rows[n][m] = scale * Math.cos(Math.PI * n * (2 * m + 1) / (2.0 * FILTERS));
    }
    return rows;
  }
}
