package io.screenalytics.voice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.vision.embed.Embeddings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AverageLinkageTest {

  private static float[] v(double... x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) out[i] = (float) x[i];
    return out;
  }

  @Test void shouldGroupTwoDirectionsAndKeepThemApart() {
    List<float[]> vectors = List.of(v(1, 0.05), v(0.05, 1), v(1, 0), v(0, 1), v(1, 0.1));
    assertThat(new AverageLinkage(0.5).labels(vectors)).containsExactly(0, 1, 0, 1, 0);
    assertThat(new AverageLinkage(1.5).labels(vectors)).containsExactly(0, 0, 0, 0, 0);
    assertThat(new AverageLinkage(0.0).labels(vectors)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test void shouldCutWhereTheAverageDistanceExceedsTheThreshold() {
    // a-b at 0.1; c at 0.3 from a and 0.681 from b: average linkage 0.49
    List<float[]> vectors = List.of(v(1, 0), v(0.9, Math.sqrt(1 - 0.81)), v(0.7, -Math.sqrt(1 - 0.49)));
    assertThat(new AverageLinkage(0.39).labels(vectors)).containsExactly(0, 0, 1);
    assertThat(new AverageLinkage(0.48).labels(vectors)).containsExactly(0, 0, 1);
    assertThat(new AverageLinkage(0.5).labels(vectors)).containsExactly(0, 0, 0);
  }

  @Test void shouldAgreeWithTheNaiveAlgorithmOnRandomData() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      List<float[]> vectors = new ArrayList<>();
      for (int i = 0; i < 40; i++) vectors.add(v(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()));
      double t = 0.2 + random.nextDouble();
      assertThat(new AverageLinkage(t).labels(vectors)).containsExactly(naive(vectors, t));
    }
  }

  /** Merge the closest pair while its mean pairwise distance is within the threshold. */
  private static int[] naive(List<float[]> vectors, double t) {
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) clusters.add(new ArrayList<>(List.of(i)));
    while (true) {
      double best = Double.POSITIVE_INFINITY;
      int ba = -1;
      int bb = -1;
      for (int a = 0; a < clusters.size(); a++) {
        for (int b = a + 1; b < clusters.size(); b++) {
          double s = 0;
          for (int i : clusters.get(a)) for (int j : clusters.get(b)) s += 1 - Embeddings.cosine(vectors.get(i), vectors.get(j));
          s /= clusters.get(a).size() * clusters.get(b).size();
          if (s < best) {
            best = s;
            ba = a;
            bb = b;
          }
        }
      }
      if (ba < 0 || best > t) break;
      clusters.get(ba).addAll(clusters.remove(bb));
    }
    int[] root = new int[vectors.size()];
    for (List<Integer> c : clusters) {
      int min = c.stream().min(Integer::compare).orElseThrow();
      for (int i : c) root[i] = min;
    }
    int[] labels = new int[root.length];
    java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
    for (int i = 0; i < root.length; i++) labels[i] = ids.computeIfAbsent(root[i], k -> ids.size());
    return labels;
  }
}
