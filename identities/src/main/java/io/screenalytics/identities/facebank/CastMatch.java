package io.screenalytics.identities.facebank;

/**
 * The cast member closest to an identity centroid.
 *
 * @param name        person name in the facebank
 * @param similarity  max cosine similarity between the centroid and the person's seeds, -1..1
 * @param sourcePhoto the seed photo that gave {@code similarity}
 */
public record CastMatch(String name, double similarity, String sourcePhoto) {}
