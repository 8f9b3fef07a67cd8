package io.screenalytics.voice.frontend;

/**
 * The GE2E (Resemblyzer 0.1.4) front end's constants, from the package's {@code hparams.py} and
 * {@code shared/models/MODELS.md}. Not settings: the model was trained on exactly these.
 */
public final class FrontEndSpec {

  /** Sample rate in Hz. */
  public static final int SAMPLE_RATE = 16_000;
  /** FFT length and window length in samples (25 ms). */
  public static final int N_FFT = 400;
  /** Hop between frames in samples (10 ms). */
  public static final int HOP = 160;
  /** Mel bands. */
  public static final int MELS = 40;
  /** Frames per partial (1.6 s). */
  public static final int PARTIAL_FRAMES = 160;
  /** Step between utterance partials in frames: {@code round(16000 / 1.3 / 160)}. */
  public static final int PARTIAL_STEP = 77;
  /** A trailing partial is kept when at least this share of it holds audio. */
  public static final double MIN_PARTIAL_COVERAGE = 0.75;
  /** Target loudness in dBFS; quieter audio is amplified to it, louder audio is left alone. */
  public static final double TARGET_DBFS = -30;
  /** Embedding dimension. */
  public static final int EMBEDDING_DIM = 256;

  private FrontEndSpec() {
  }
}
