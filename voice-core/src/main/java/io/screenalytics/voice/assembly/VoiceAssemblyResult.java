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

  /** The text of {@code voice_segments.jsonl}: {@code start_s}, {@code end_s}, speaker, best voicebank match. */
  public String segmentsJsonl() {
    StringBuilder out = new StringBuilder();
    for (VoiceSegment s : segments) {
      out.append(String.format(Locale.ROOT, "{\"start_s\":%.3f,\"end_s\":%.3f,\"speaker\":\"%s\",\"voicebank_match\":%s,"
          + "\"voicebank_similarity\":%s}%n", s.startS(), s.endS(), s.speaker(),
          s.voicebankMatch() == null ? "null" : "\"" + s.voicebankMatch().replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
          Double.isNaN(s.similarity()) ? "null" : String.format(Locale.ROOT, "%.4f", s.similarity())));
    }
    return out.toString();
  }
}
