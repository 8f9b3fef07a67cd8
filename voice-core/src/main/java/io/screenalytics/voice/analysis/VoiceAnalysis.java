package io.screenalytics.voice.analysis;

import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.List;

/**
 * What the voice front half finds in one audio: speech regions, windows over them and one embedding per window.
 * Times are seconds from the start of the analysed range.
 *
 * @param seconds     length of the audio analysed
 * @param regions     speech, ascending
 * @param windows     windows over the speech, ascending
 * @param embeddings  {@code float[windows][256]}, unit vectors, in window order
 * @param modelCalls  speaker-model calls made (0 when every window came from the cache)
 * @param cacheHits   windows whose embedding came from the cache
 * @param vadCalls    VAD model calls made
 */
public record VoiceAnalysis(double seconds, List<SpeechRegion> regions, List<SpeechWindow> windows,
                            List<float[]> embeddings, long modelCalls, int cacheHits, long vadCalls) {

  /** Copies the lists. */
  public VoiceAnalysis {
    regions = List.copyOf(regions);
    windows = List.copyOf(windows);
    embeddings = List.copyOf(embeddings);
  }

  /** Seconds of speech found. */
  public double speechSeconds() {
    double s = 0;
    for (SpeechRegion r : regions) s += r.seconds();
    return s;
  }
}
