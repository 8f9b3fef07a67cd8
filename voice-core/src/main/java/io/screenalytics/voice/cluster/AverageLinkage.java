package io.screenalytics.voice.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Agglomerative clustering with average linkage (UPGMA) on cosine distance {@code 1 - cos}, cut where the linkage
 * distance exceeds a threshold. Uses the nearest-neighbour-chain algorithm (Murtagh 1983; valid for average linkage,
 * which is reducible): O(N^2) time, a condensed {@code float} distance matrix of N(N-1)/2 values (58 MB for 5,400
 * windows, a 45-minute talk show). The cut at {@code t} equals merging closest pairs while their distance is
 * {@code <= t}. Immutable and thread-safe.
 *
 * @param maxDistance merge while the average cosine distance is {@code <=} this, 0..2
 */
public record AverageLinkage(double maxDistance) {

  /** Validates. */
  public AverageLinkage {
    if (!(maxDistance >= 0)) throw new IllegalArgumentException("max distance must be >= 0, was " + maxDistance);
  }

  /**
   * Clusters vectors.
   *
   * @param vectors {@code float[N][D]}, any norm (cosine is computed)
   * @return cluster label per input, {@code int[N]}, numbered 0.. in order of first appearance
   */
  public int[] labels(List<float[]> vectors) {
    int n = vectors.size();
    if (n == 0) return new int[0];
    float[] dist = distances(vectors);
    int[] size = new int[n];
    Arrays.fill(size, 1);
    boolean[] active = new boolean[n];
    Arrays.fill(active, true);
    List<double[]> merges = new ArrayList<>();
    int[] chain = new int[n];
    int top = 0;
    int remaining = n;
    int next = 0;
    while (remaining > 1) {
      if (top == 0) {
        while (!active[next]) next++;
        chain[top++] = next;
      }
      int a = chain[top - 1];
      int prev = top >= 2 ? chain[top - 2] : -1;
      int b = prev;
      double best = prev >= 0 ? dist[at(n, a, prev)] : Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        if (!active[j] || j == a) continue;
        double d = dist[at(n, a, j)];
        if (d < best) {
          best = d;
          b = j;
        }
      }
      if (b == prev) {
        top -= 2;
        int keep = Math.min(a, b);
        int gone = Math.max(a, b);
        merges.add(new double[] {best, keep, gone});
        for (int k = 0; k < n; k++) {
          if (!active[k] || k == a || k == b) continue;
          int ik = at(n, keep, k);
          dist[ik] = (float) ((size[keep] * (double) dist[ik] + size[gone] * (double) dist[at(n, gone, k)])
              / (size[keep] + size[gone]));
        }
        size[keep] += size[gone];
        active[gone] = false;
        remaining--;
      } else {
        chain[top++] = b;
      }
    }
    merges.sort(Comparator.comparingDouble(m -> m[0]));
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    for (double[] m : merges) {
      if (m[0] > maxDistance) break;
      parent[find(parent, (int) m[2])] = find(parent, (int) m[1]);
    }
    int[] labels = new int[n];
    int[] labelOfRoot = new int[n];
    Arrays.fill(labelOfRoot, -1);
    int count = 0;
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      if (labelOfRoot[root] < 0) labelOfRoot[root] = count++;
      labels[i] = labelOfRoot[root];
    }
    return labels;
  }

  private static float[] distances(List<float[]> vectors) {
    int n = vectors.size();
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (float x : vectors.get(i)) s += (double) x * x;
      norms[i] = Math.sqrt(s);
    }
    float[] dist = new float[(int) ((long) n * (n - 1) / 2)];
    for (int i = 0; i < n; i++) {
      float[] vi = vectors.get(i);
      for (int j = i + 1; j < n; j++) {
        float[] vj = vectors.get(j);
        double dot = 0;
        for (int k = 0; k < vi.length; k++) dot += (double) vi[k] * vj[k];
        double denominator = norms[i] * norms[j];
        dist[at(n, i, j)] = (float) (denominator == 0 ? 1.0 : 1.0 - dot / denominator);
      }
    }
    return dist;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static int at(int n, int i, int j) {
    int lo = Math.min(i, j);
    int hi = Math.max(i, j);
    return (int) ((long) lo * n - (long) lo * (lo + 1) / 2 + (hi - lo - 1));
  }
}
