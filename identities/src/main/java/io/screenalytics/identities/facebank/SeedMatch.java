package io.screenalytics.identities.facebank;

/**
 * The nearest cast seed of one face, written on its {@code faces.jsonl} row as {@code seed_cast_id} and
 * {@code seed_similarity}.
 *
 * @param castId     {@link Facebank#castId(String)} of the seed's cast member when {@code similarity} reaches
 *                   {@link MatchingConfig#faceMinSimilarity()}; null otherwise
 * @param similarity cosine similarity of the face's embedding to its nearest seed of the embedder's model, -1..1,
 *                   whether or not it reaches the threshold
 */
public record SeedMatch(String castId, double similarity) {}
