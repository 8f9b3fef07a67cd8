package io.screenalytics.voice.assembly;

import io.screenalytics.voice.rttm.Rttm;
import io.screenalytics.voice.rttm.SpeakerTurn;
import java.util.List;
import java.util.Locale;

/**
 * One episode's assembled voices.
 *
 * @param turns    speech turns in time order (the lines of {@code speech.rttm})
 * @param speakers each speaker's speaking times, by first speech
 * @param segments each window (the lines of {@code voice_segments.jsonl})
 */
public record VoiceAssemblyResult(List<SpeakerTurn> turns, List<Speaking> speakers, List<VoiceSegment> segments) {

  /** Copies the lists. */
  public VoiceAssemblyResult {
    turns = List.copyOf(turns);
    speakers = List.copyOf(speakers);
    segments = List.copyOf(segments);
  }

  /** The text of {@code speech.rttm}. */
  public String rttm() {
    return Rttm.format(turns);
  }

  /**
   * The text of {@code voice_segments.jsonl}: {@code start_s}, {@code end_s}, speaker, best voicebank match; inside
   * spans scored by active speaker detection also {@code asd}, per face scored: {@code face}, {@code track},
   * {@code mean_logit}, {@code speaking}.
   */
  public String segmentsJsonl() {
    StringBuilder out = new StringBuilder();
    for (VoiceSegment s : segments) {
      out.append(String.format(Locale.ROOT, "{\"start_s\":%.3f,\"end_s\":%.3f,\"speaker\":%s,\"voicebank_match\":%s,"
          + "\"voicebank_similarity\":%s", s.startS(), s.endS(), quote(s.speaker()), quote(s.voicebankMatch()),
          Double.isNaN(s.similarity()) ? "null" : String.format(Locale.ROOT, "%.4f", s.similarity())));
      if (s.asd() != null) {
        out.append(",\"asd\":[");
        for (int i = 0; i < s.asd().size(); i++) {
          AsdEvidence e = s.asd().get(i);
          out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
              "{\"face\":%s,\"track\":%d,\"mean_logit\":%.3f,\"speaking\":%b}", quote(e.identityId()),
              e.trackId(), e.meanLogit(), e.speaking()));
        }
        out.append(']');
      }
      out.append('}').append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String quote(String text) {
    return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
