package io.screenalytics.voice.bank;

/**
 * The voicebank's best voice for a centroid.
 *
 * @param name       the voice's full name
 * @param slug       its identity-style id ({@code lin_manuel_miranda})
 * @param similarity cosine similarity of the centroids, -1..1
 * @param accepted   whether it clears the naming threshold
 */
public record VoiceMatch(String name, String slug, double similarity, boolean accepted) {
}
