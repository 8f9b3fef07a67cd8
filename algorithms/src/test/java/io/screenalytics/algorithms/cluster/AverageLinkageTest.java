package io.screenalytics.algorithms.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.screenalytics.algorithms.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AverageLinkageTest {

  private static final AverageLinkage AT_HALF = new AverageLinkage(0.5);

  /** Cosine distance {@code 1 - cos} between vectors of any norm (1 when one is zero), as the callers use. */
  private static AverageLinkage.PairDistance cosine(List<float[]> v) {
    return (i, j) -> {
      double dot = 0;
      double ni = 0;
      double nj = 0;
      for (int k = 0; k < v.get(i).length; k++) {
        dot += (double) v.get(i)[k] * v.get(j)[k];
        ni += (double) v.get(i)[k] * v.get(i)[k];
        nj += (double) v.get(j)[k] * v.get(j)[k];
      }
      return ni * nj == 0 ? 1.0 : 1.0 - dot / Math.sqrt(ni * nj);
    };
  }

  private static float[] v(double... x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  @Test
  void shouldAgreeWithScipyAverageLinkageAndFcluster() {
    // Given seeded random vectors of any norm around a few centres, answered by scipy's
    // fcluster(linkage(pdist(X, "cosine"), "average"), t, "distance") (src/test/python/make_reference.py)
    List<JsonNode> cases = Reference.cases("average_linkage.json");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
    for (int c = 0; c < cases.size(); c++) {
      JsonNode k = cases.get(c);
      List<float[]> vectors = new ArrayList<>();
      for (JsonNode row : k.get("vectors")) {
        double[] d = Reference.doubles(row);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
          f[i] = (float) d[i];
        }
        vectors.add(f);
      }
      // When
      int[] labels = new AverageLinkage(k.get("threshold").asDouble()).labels(vectors.size(), cosine(vectors));
      // Then the same partition (scipy numbers clusters differently: renumber by first appearance)
      assertThat(labels).as("case %d", c).containsExactly(byFirstAppearance(Reference.ints(k.get("labels"))));
    }
  }

  @Test
  void shouldGroupTwoDirectionsAndKeepThemApart() {
    List<float[]> vectors = List.of(v(1, 0.05), v(0.05, 1), v(1, 0), v(0, 1), v(1, 0.1));
    assertThat(AT_HALF.labels(5, cosine(vectors))).containsExactly(0, 1, 0, 1, 0);
    assertThat(new AverageLinkage(1.5).labels(5, cosine(vectors))).containsExactly(0, 0, 0, 0, 0);
    assertThat(new AverageLinkage(0.0).labels(5, cosine(vectors))).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldCutWhereTheAverageDistanceExceedsTheThreshold() {
    // a-b at 0.1; c at 0.3 from a and 0.681 from b: average linkage 0.49
    List<float[]> vectors = List.of(v(1, 0), v(0.9, Math.sqrt(1 - 0.81)), v(0.7, -Math.sqrt(1 - 0.49)));
    assertThat(new AverageLinkage(0.39).clusters(3, cosine(vectors)))
        .containsExactly(new int[] {0, 1}, new int[] {2});
    assertThat(new AverageLinkage(0.48).labels(3, cosine(vectors))).containsExactly(0, 0, 1);
    assertThat(AT_HALF.labels(3, cosine(vectors))).containsExactly(0, 0, 0);
  }

  @Test
  void shouldNeverMergeCannotLinkedItemsEvenWhenIdentical() {
    // (0,2) merges at distance 0; {0,2} to {1} averages infinity and 0: never merges
    AverageLinkage.PairDistance d = (i, j) -> i == 0 && j == 1 ? Double.POSITIVE_INFINITY : 0.0;
    assertThat(AT_HALF.clusters(3, d)).containsExactly(new int[] {0, 2}, new int[] {1});
  }

  @Test
  void shouldHandleEmptyAndSingleInputsAndRefuseBadSizes() {
    assertThat(AT_HALF.clusters(0, (i, j) -> 0)).isEmpty();
    assertThat(AT_HALF.labels(1, (i, j) -> 0)).containsExactly(0);
    assertThatThrownBy(() -> AT_HALF.clusters(AverageLinkage.MAX_POINTS + 1, (i, j) -> 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AverageLinkage(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAgreeWithTheNaiveAlgorithmOnRandomInputsWithCannotLinks() {
    Random random = new Random(5);
    for (int trial = 0; trial < 40; trial++) {
      // Given random 3-d vectors (many near-ties) and random cannot-links
      int n = 2 + random.nextInt(30);
      List<float[]> vectors = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        vectors.add(v(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()));
      }
      Set<Long> links = new HashSet<>();
      for (int k = 0; k < n / 3; k++) {
        int i = random.nextInt(n);
        int j = random.nextInt(n);
        if (i != j) {
          links.add((long) Math.min(i, j) * n + Math.max(i, j));
        }
      }
      AverageLinkage.PairDistance cos = cosine(vectors);
      AverageLinkage.PairDistance d = (i, j) -> links.contains((long) i * n + j)
          ? Double.POSITIVE_INFINITY : cos.between(i, j);
      double threshold = 0.2 + random.nextDouble();
      // When / Then
      assertThat(new AverageLinkage(threshold).clusters(n, d))
          .as("trial %d", trial)
          .containsExactlyElementsOf(naive(n, d, threshold));
    }
  }

  /** Textbook O(N^3) average linkage: recompute every cluster-pair mean from scratch each step. */
  private static List<int[]> naive(int n, AverageLinkage.PairDistance distance, double max) {
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clusters.add(new ArrayList<>(List.of(i)));
    }
    while (true) {
      int bestA = -1;
      int bestB = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < clusters.size(); a++) {
        for (int b = a + 1; b < clusters.size(); b++) {
          double sum = 0;
          for (int i : clusters.get(a)) {
            for (int j : clusters.get(b)) {
              sum += distance.between(Math.min(i, j), Math.max(i, j));
            }
          }
          double d = sum / (clusters.get(a).size() * clusters.get(b).size());
          if (d < best) {
            best = d;
            bestA = a;
            bestB = b;
          }
        }
      }
      if (bestA < 0 || best > max) {
        break;
      }
      clusters.get(bestA).addAll(clusters.remove(bestB));
    }
    return clusters.stream()
        .map(c -> c.stream().mapToInt(Integer::intValue).sorted().toArray())
        .sorted((x, y) -> Integer.compare(x[0], y[0]))
        .toList();
  }

  private static int[] byFirstAppearance(int[] labels) {
    Map<Integer, Integer> ids = new HashMap<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = ids.computeIfAbsent(labels[i], k -> ids.size());
    }
    return out;
  }
}
