package io.screenalytics.voice.eval;

import io.screenalytics.voice.speech.SpeechDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings tried when tuning diarization: every VAD threshold x minimum silence x pad x clustering distance
 * (minimum speech stays at Silero's 250 ms).
 *
 * @param thresholds VAD start thresholds, 0..1
 * @param silences   seconds of silence that end speech
 * @param pads       seconds added to each side of a speech region
 * @param distances  average-linkage cuts, cosine distance
 */
public record DerGrid(List<Double> thresholds, List<Double> silences, List<Double> pads, List<Double> distances) {

  /**
   * The values of the voice figures' settings table, each axis bracketing the defaults: thresholds 0.25 / 0.35 /
   * 0.5 (Silero's), silence 100 (Silero's) / 300 ms, pad 30 (Silero's) / 100 / 150 ms, distance 0.35 / 0.4 /
   * 0.45 / 0.5 (the reference pipeline's): 18 speech detections x 4 distances = 72 settings.
   */
  public static final DerGrid DEFAULT = new DerGrid(List.of(0.25, 0.35, 0.5), List.of(0.1, 0.3),
      List.of(0.03, 0.1, 0.15), List.of(0.35, 0.4, 0.45, 0.5));

  /** Copies the lists; each must hold at least one value. */
  public DerGrid {
    thresholds = List.copyOf(thresholds);
    silences = List.copyOf(silences);
    pads = List.copyOf(pads);
    distances = List.copyOf(distances);
    if (thresholds.isEmpty() || silences.isEmpty() || pads.isEmpty() || distances.isEmpty()) {
      throw new IllegalArgumentException("every axis of the grid needs a value");
    }
  }

  /** Every speech detection of the grid, thresholds outermost. */
  public List<SpeechDetector> detectors() {
    List<SpeechDetector> out = new ArrayList<>();
    for (double t : thresholds) {
      for (double s : silences) {
        for (double p : pads) out.add(new SpeechDetector(t, SpeechDetector.DEFAULT.minSpeech(), s, p));
      }
    }
    return out;
  }
}
