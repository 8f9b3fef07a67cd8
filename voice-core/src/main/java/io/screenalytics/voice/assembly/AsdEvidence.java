package io.screenalytics.voice.assembly;

/**
 * What active speaker detection saw of one face during a piece of speech (a line of {@code voice_segments.jsonl}).
 *
 * @param identityId the face identity
 * @param trackId    its track (the one with the highest logit when the identity has several)
 * @param meanLogit  the mean Light-ASD logit over the piece
 * @param speaking   whether the piece's speech was given to this face
 */
public record AsdEvidence(String identityId, int trackId, double meanLogit, boolean speaking) {
}
