package io.screenalytics.embed.facebank;

/**
 * The nearest cast member of one face.
 *
 * @param name       the cast member whose seed is most similar to the face
 * @param similarity cosine similarity of the face to that seed, -1..1
 * @param matched    whether {@code similarity} reaches the facebank threshold (the face is then named after them)
 */
public record CastMatch(String name, float similarity, boolean matched) {
}
