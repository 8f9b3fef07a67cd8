package io.screenalytics.voice.assembly;

import java.util.List;

/**
 * One window of the episode as {@code voice_segments.jsonl} lists it, or, inside spans scored by active speaker
 * detection, one piece of a window's own span with one decision (a window is cut where the speaking face changes;
 * two faces speaking at once give two segments of the same times).
 *
 * @param startS         window (or piece) start, seconds
 * @param endS           window (or piece) end, seconds
 * @param speaker        the speaker label of its span
 * @param voicebankMatch the best voicebank voice of the window alone, or null without a voicebank
 * @param similarity     its cosine similarity (NaN without a voicebank)
 * @param asd            what active speaker detection saw of each face scored during the piece, or null outside
 *                       every scored span
 */
public record VoiceSegment(double startS, double endS, String speaker, String voicebankMatch, double similarity,
                           List<AsdEvidence> asd) {

  /** Copies the evidence. */
  public VoiceSegment {
    asd = asd == null ? null : List.copyOf(asd);
  }

  /** A segment outside every scored span. */
  public VoiceSegment(double startS, double endS, String speaker, String voicebankMatch, double similarity) {
    this(startS, endS, speaker, voicebankMatch, similarity, null);
  }
}
