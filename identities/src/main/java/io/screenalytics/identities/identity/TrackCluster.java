package io.screenalytics.identities.identity;

import java.util.List;

/**
 * Tracks grouped as one person by {@link TrackClusterer}.
 *
 * <p>The array is not copied: treat it as immutable.
 *
 * @param trackIds ascending track ids
 * @param centroid {@code float[D]} unit vector: the normalised mean of the member track embeddings
 *                 weighted by each track's total face weight (equal weights when all are 0)
 */
public record TrackCluster(List<Integer> trackIds, float[] centroid) {

  public TrackCluster {
    trackIds = List.copyOf(trackIds);
    if (trackIds.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one track");
    }
  }

  /** The smallest track id, a stable handle for ordering. */
  public int firstTrackId() {
    return trackIds.get(0);
  }
}
