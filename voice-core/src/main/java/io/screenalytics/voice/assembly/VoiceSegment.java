package io.screenalytics.voice.assembly;

/**
 * One window of the episode as {@code voice_segments.jsonl} lists it.
 *
 * @param startS         window start, seconds
 * @param endS           window end, seconds
 * @param speaker        the speaker label of its span
 * @param voicebankMatch the best voicebank voice of the window alone, or null without a voicebank
 * @param similarity     its cosine similarity (NaN without a voicebank)
 */
public record VoiceSegment(double startS, double endS, String speaker, String voicebankMatch, double similarity) {
}
