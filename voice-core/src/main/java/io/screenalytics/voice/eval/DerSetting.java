package io.screenalytics.voice.eval;

import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.speech.SpeechDetector;
import java.util.Locale;

/**
 * One point of the diarization settings grid: how speech is found and where the clustering is cut.
 *
 * @param detector        VAD threshold, minimum speech, minimum silence and pad
 * @param clusterDistance average-linkage cut, cosine distance
 */
public record DerSetting(SpeechDetector detector, double clusterDistance) {

  /** The pipeline's defaults: {@link SpeechDetector#DEFAULT} and {@link Diarizer#DEFAULT_MAX_DISTANCE}. */
  public static final DerSetting DEFAULT = new DerSetting(SpeechDetector.DEFAULT, Diarizer.DEFAULT_MAX_DISTANCE);

  /** {@code VAD 0.35, silence 300 ms, pad 150 ms, distance 0.40}. */
  @Override public String toString() {
    return String.format(Locale.ROOT, "VAD %.2f, silence %d ms, pad %d ms, distance %.2f", detector.threshold(),
        Math.round(detector.minSilence() * 1000), Math.round(detector.pad() * 1000), clusterDistance);
  }
}
