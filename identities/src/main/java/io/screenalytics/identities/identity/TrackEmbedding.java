package io.screenalytics.identities.identity;

/**
 * One track's embedding: the quality-weighted mean of its faces' embeddings, re-normalised.
 *
 * <p>The array is not copied: treat it as immutable.
 *
 * @param trackId     track id
 * @param vector      {@code float[D]} unit vector
 * @param faces       faces that contributed (faces with an embedding)
 * @param totalWeight sum of the contributing faces' weights (see {@link TrackPooling}); weighs the
 *                    track when cluster centroids are formed
 */
public record TrackEmbedding(int trackId, float[] vector, int faces, double totalWeight) {}
