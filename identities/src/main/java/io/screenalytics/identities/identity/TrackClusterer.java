package io.screenalytics.identities.identity;

import io.screenalytics.algorithms.cluster.AverageLinkage;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.identities.episode.EpisodeIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Groups an episode's tracks into people: average-linkage agglomerative clustering of track
 * embeddings on cosine distance (see {@link AverageLinkage}), distance {@code max(0, 1 - <a, b>)} on the unit vectors, cut at
 * {@code 1 - minMergeSimilarity}, with the cannot-link rule that two tracks detected in the same
 * sampled frame are two people (so no cluster ever holds both).
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class TrackClusterer {

  private final AverageLinkage clusterer;

  /** @param config clustering settings; only {@code minMergeSimilarity} is used here */
  public TrackClusterer(ClusteringConfig config) {
    this.clusterer = new AverageLinkage(config.maxMergeDistance());
  }

  /**
   * Clusters {@code tracks}.
   *
   * @param tracks track embeddings ({@code float[D]} each), in any order
   * @param index  the episode, for the cannot-link rule
   * @return clusters ordered by their smallest track id
   */
  public List<TrackCluster> cluster(List<TrackEmbedding> tracks, EpisodeIndex index) {
    List<TrackEmbedding> ordered = new ArrayList<>(tracks);
    ordered.sort((x, y) -> Integer.compare(x.trackId(), y.trackId()));
    List<float[]> vectors = ordered.stream().map(TrackEmbedding::vector).toList();
    List<int[]> groups = clusterer.clusters(vectors.size(),
        (i, j) -> index.coOccur(ordered.get(i).trackId(), ordered.get(j).trackId())
            ? Double.POSITIVE_INFINITY
            : Math.max(0.0, 1.0 - Embeddings.dot(vectors.get(i), vectors.get(j))));
    List<TrackCluster> out = new ArrayList<>(groups.size());
    for (int[] group : groups) {
      List<TrackEmbedding> members = new ArrayList<>(group.length);
      for (int i : group) {
        members.add(ordered.get(i));
      }
      out.add(new TrackCluster(members.stream().map(TrackEmbedding::trackId).toList(), centroid(members)));
    }
    return out;
  }

  /**
   * Normalised weighted mean of track embeddings, weights = {@link TrackEmbedding#totalWeight()}
   * (equal weights when they sum to 0).
   *
   * @param members at least one track embedding, all {@code float[D]}
   */
  public static float[] centroid(List<TrackEmbedding> members) {
    double total = members.stream().mapToDouble(TrackEmbedding::totalWeight).sum();
    double[] sum = new double[members.get(0).vector().length];
    TrackEmbedding best = members.get(0);
    for (TrackEmbedding t : members) {
      Embeddings.addScaled(sum, t.vector(), total > 0 ? t.totalWeight() : 1.0);
      best = t.totalWeight() > best.totalWeight() ? t : best;
    }
    return Embeddings.normalisedOr(sum, best.vector());
  }

  /** Track embeddings by track id. */
  public static Map<Integer, TrackEmbedding> byTrackId(List<TrackEmbedding> tracks) {
    return tracks.stream().collect(Collectors.toMap(TrackEmbedding::trackId, Function.identity()));
  }
}
