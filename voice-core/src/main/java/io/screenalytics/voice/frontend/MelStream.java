package io.screenalytics.voice.frontend;

import io.screenalytics.voice.audio.AudioSink;
import io.screenalytics.voice.audio.FloatList;
import java.util.Arrays;

/**
 * Computes GE2E's mel power spectrogram as samples stream in, matching librosa's
 * {@code melspectrogram(sr=16000, n_fft=400, hop_length=160, n_mels=40)} with {@code center=True}: 200 zeros
 * before the first sample and after the last, a periodic Hann window of 400, {@code |STFT|^2} over 201 bins,
 * the {@link MelFilterbank Slaney filterbank}, no log; {@code 1 + n / 160} frames for {@code n} samples.
 * Keeps only the frames (1.6 KB per second of audio) and the per-hop energy, never the samples.
 *
 * <p>Not thread-safe: one stream per audio.
 */
public final class MelStream implements AudioSink {

  private static final MelFilterbank FILTERBANK =
      MelFilterbank.slaney(FrontEndSpec.SAMPLE_RATE, FrontEndSpec.N_FFT, FrontEndSpec.MELS);
  private static final double[] HANN = new double[FrontEndSpec.N_FFT];

  static {
    for (int i = 0; i < HANN.length; i++) HANN[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / HANN.length);
  }

  private final Fft fft = new Fft(FrontEndSpec.N_FFT);
  private final double[] re = new double[FrontEndSpec.N_FFT];
  private final double[] im = new double[FrontEndSpec.N_FFT];
  private final double[] outRe = new double[FrontEndSpec.N_FFT];
  private final double[] outIm = new double[FrontEndSpec.N_FFT];
  private final double[] power = new double[FrontEndSpec.N_FFT / 2 + 1];
  private final float[] melRow = new float[FrontEndSpec.MELS];
  private final FloatList mel = new FloatList(1 << 14);
  private final FloatList hopEnergy = new FloatList(1 << 10);
  /** Padded samples not yet consumed; {@code pending[0]} is the first sample of the next frame. */
  private float[] pending = new float[1 << 12];
  private int pendingSize;
  private double hopSum;
  private int hopCount;
  private boolean finished;

  /** A stream whose first frame is centred on the first sample pushed. */
  public MelStream() {
    pendingSize = FrontEndSpec.N_FFT / 2;
  }

  /** The whole spectrogram of in-memory samples in one call. */
  public static MelFrames of(float[] samples) {
    MelStream stream = new MelStream();
    stream.accept(samples, 0, samples.length);
    return stream.finish();
  }

  @Override public void accept(float[] samples, int offset, int length) {
    if (finished) throw new IllegalStateException("stream already finished");
    for (int i = offset; i < offset + length; i++) {
      double x = samples[i];
      hopSum += x * x;
      if (++hopCount == FrontEndSpec.HOP) {
        hopEnergy.add((float) (hopSum / FrontEndSpec.HOP));
        hopSum = 0;
        hopCount = 0;
      }
    }
    append(samples, offset, length);
  }

  /** Pads the end with 200 zeros, computes the last frames and returns the spectrogram. Idempotent. */
  public MelFrames finish() {
    if (!finished) {
      if (hopCount > 0) hopEnergy.add((float) (hopSum / hopCount));
      float[] pad = new float[FrontEndSpec.N_FFT / 2];
      append(pad, 0, pad.length);
      finished = true;
    }
    return new MelFrames(mel.toArray(), mel.size() / FrontEndSpec.MELS, hopEnergy.toArray());
  }

  private void append(float[] samples, int offset, int length) {
    int at = offset;
    int left = length;
    while (left > 0) {
      if (pending.length == pendingSize) pending = Arrays.copyOf(pending, pending.length * 2);
      int n = Math.min(pending.length - pendingSize, left);
      System.arraycopy(samples, at, pending, pendingSize, n);
      pendingSize += n;
      at += n;
      left -= n;
      drain();
    }
  }

  /** Frames computed so far. */
  public int frames() {
    return mel.size() / FrontEndSpec.MELS;
  }

  private void drain() {
    int start = 0;
    while (pendingSize - start >= FrontEndSpec.N_FFT) {
      frame(start);
      start += FrontEndSpec.HOP;
    }
    if (start > 0) {
      System.arraycopy(pending, start, pending, 0, pendingSize - start);
      pendingSize -= start;
    }
  }

  private void frame(int start) {
    for (int i = 0; i < FrontEndSpec.N_FFT; i++) {
      re[i] = pending[start + i] * HANN[i];
      im[i] = 0;
    }
    fft.transform(re, im, outRe, outIm);
    for (int k = 0; k < power.length; k++) power[k] = outRe[k] * outRe[k] + outIm[k] * outIm[k];
    FILTERBANK.apply(power, melRow, 0);
    mel.accept(melRow, 0, melRow.length);
  }
}
