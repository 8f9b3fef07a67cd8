package io.screenalytics.voice.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-chunk speech probabilities into speech regions with Silero's own rule ({@code get_speech_timestamps}
 * of silero-vad 5/6): speech starts at a chunk {@code >= threshold}, ends after {@code minSilence} of chunks below
 * {@code threshold - 0.15}; regions shorter than {@code minSpeech} are dropped; each region is padded by
 * {@code pad} on both sides (halved where neighbours would overlap). Immutable and thread-safe.
 *
 * @param threshold   start threshold, 0..1 (0.5, Silero's default)
 * @param minSpeech   seconds (0.25)
 * @param minSilence  seconds (0.1)
 * @param pad         seconds (0.03)
 */
public record SpeechDetector(double threshold, double minSpeech, double minSilence, double pad) {

  /** Silero's own defaults (threshold 0.5, 250 ms speech, 100 ms silence, 30 ms pad). */
  public static final SpeechDetector SILERO = new SpeechDetector(0.5, 0.25, 0.1, 0.03);
  /**
   * The pipeline's default: threshold 0.35, 100 ms of silence to end speech (Silero's), 150 ms pad, with clustering
   * at {@link io.screenalytics.voice.diarize.Diarizer#DEFAULT_MAX_DISTANCE}. Chosen by tuning on one half of the 12
   * shared AMI files and scoring on the other ({@code io.screenalytics.voice.eval.DerSplit}, {@code DerSplitIT},
   * {@code docs/voice-der-split.md}; collar 0.25, DER overlap scored / skipped): tuned on half A, the grid picks
   * threshold 0.25, 100 ms, 150 ms, distance 0.4 (B held out: 42.0 / 33.0 %); tuned on B, threshold 0.35, 100 ms,
   * 150 ms, 0.4 (A held out: 20.8 / 13.0 %); both halves agree on the silence, pad and distance, and B's choice
   * transfers better (3.0 points above A's own best, against 5.9 for A's choice on B), so it is the default. The
   * earlier default, 300 ms of silence, was picked by neither half (it was chosen on all 12 files at once:
   * 32.0 / 21.1 % there, against 30.3 / 18.3 % now, in sample both). The honest figure for settings tuned this way
   * is the held-out one: 33.9 / 23.7 % on the 12 files, each half scored with the other half's choice.
   */
  public static final SpeechDetector DEFAULT = new SpeechDetector(0.35, 0.25, 0.1, 0.15);

  /** Validates. */
  public SpeechDetector {
    if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
    if (minSpeech < 0 || minSilence < 0 || pad < 0) throw new IllegalArgumentException("durations must be >= 0");
  }

  /**
   * @param probabilities one per chunk
   * @param chunkSeconds  seconds per chunk (0.032)
   * @param totalSeconds  length of the audio (regions are clamped to it)
   * @return ascending, disjoint regions
   */
  public List<SpeechRegion> regions(float[] probabilities, double chunkSeconds, double totalSeconds) {
    double negative = Math.max(threshold - 0.15, 0.01);
    List<double[]> raw = new ArrayList<>();
    boolean speaking = false;
    double start = 0;
    double silenceFrom = -1;
    for (int i = 0; i < probabilities.length; i++) {
      double t = i * chunkSeconds;
      float p = probabilities[i];
      if (p >= threshold) {
        silenceFrom = -1;
        if (!speaking) {
          speaking = true;
          start = t;
        }
      } else if (speaking && p < negative) {
        if (silenceFrom < 0) silenceFrom = t;
        if (t + chunkSeconds - silenceFrom >= minSilence) {
          if (silenceFrom - start >= minSpeech) raw.add(new double[] {start, silenceFrom});
          speaking = false;
          silenceFrom = -1;
        }
      }
    }
    double end = Math.min(totalSeconds, probabilities.length * chunkSeconds);
    if (speaking && end - start >= minSpeech) raw.add(new double[] {start, end});
    List<SpeechRegion> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      double[] r = raw.get(i);
      double before = i == 0 ? pad : Math.min(pad, (r[0] - raw.get(i - 1)[1]) / 2);
      double after = i == raw.size() - 1 ? pad : Math.min(pad, (raw.get(i + 1)[0] - r[1]) / 2);
      double a = Math.max(0, r[0] - before);
      double b = Math.min(totalSeconds, r[1] + after);
      if (b > a) out.add(new SpeechRegion(a, b));
    }
    return out;
  }
}
