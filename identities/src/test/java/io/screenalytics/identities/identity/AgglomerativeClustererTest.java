package io.screenalytics.identities.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.identities.SyntheticEpisode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgglomerativeClustererTest {

  private static final AgglomerativeClusterer AT_HALF = new AgglomerativeClusterer(0.5);

  @Test
  void shouldMergeSameIdentityAndSeparateDifferentOnes() {
    // Given three people, four noisy vectors each (same-person cosine ~0.76), interleaved
    SyntheticEpisode gen = new SyntheticEpisode("e", 30, 6, 60, 11);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      vectors.add(gen.noisy(gen.person("p" + (i % 3)), SyntheticEpisode.SAME_PERSON_NOISE));
    }
    // When
    List<int[]> clusters = AT_HALF.cluster(vectors, AgglomerativeClusterer.CannotLink.NONE);
    // Then
    assertThat(clusters).containsExactly(
        new int[] {0, 3, 6, 9}, new int[] {1, 4, 7, 10}, new int[] {2, 5, 8, 11});
  }

  @Test
  void shouldNeverMergeCannotLinkedItemsEvenWhenIdentical() {
    float[] v = {1f, 0f};
    List<int[]> clusters = AT_HALF.cluster(List.of(v, v, v), (i, j) -> i == 0 && j == 1);
    // (0,2) merges at distance 0; {0,2} to {1} averages infinity and 0: never merges
    assertThat(clusters).containsExactly(new int[] {0, 2}, new int[] {1});
  }

  @Test
  void shouldCutAtTheSimilarityThreshold() {
    SyntheticEpisode gen = new SyntheticEpisode("e", 30, 6, 60, 3);
    float[] base = gen.person("a");
    List<float[]> vectors = List.of(base, gen.atCosine(base, 0.55), gen.atCosine(base, -0.2));
    assertThat(AT_HALF.cluster(vectors, AgglomerativeClusterer.CannotLink.NONE))
        .containsExactly(new int[] {0, 1}, new int[] {2});
    assertThat(new AgglomerativeClusterer(0.4).cluster(vectors, AgglomerativeClusterer.CannotLink.NONE))
        .containsExactly(new int[] {0}, new int[] {1}, new int[] {2});
  }

  @Test
  void shouldHandleEmptyAndSingleInputs() {
    assertThat(AT_HALF.cluster(List.of(), AgglomerativeClusterer.CannotLink.NONE)).isEmpty();
    assertThat(AT_HALF.cluster(List.<float[]>of(new float[] {1f}), AgglomerativeClusterer.CannotLink.NONE))
        .containsExactly(new int[] {0});
  }

  @Test
  void shouldAgreeWithTheNaiveAlgorithmOnRandomInputs() {
    Random random = new Random(5);
    for (int trial = 0; trial < 40; trial++) {
      // Given random 3-d unit vectors (many near-ties) and random cannot-links
      int n = 2 + random.nextInt(30);
      List<float[]> vectors = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double x = random.nextGaussian();
        double y = random.nextGaussian();
        double z = random.nextGaussian();
        double norm = Math.sqrt(x * x + y * y + z * z);
        vectors.add(new float[] {(float) (x / norm), (float) (y / norm), (float) (z / norm)});
      }
      Set<Long> links = new HashSet<>();
      for (int k = 0; k < n / 3; k++) {
        int i = random.nextInt(n);
        int j = random.nextInt(n);
        if (i != j) {
          links.add((long) Math.min(i, j) * n + Math.max(i, j));
        }
      }
      double threshold = 0.2 + random.nextDouble();
      AgglomerativeClusterer.CannotLink cl = (i, j) -> links.contains((long) i * n + j);
      // When / Then
      assertThat(new AgglomerativeClusterer(threshold).cluster(vectors, cl))
          .as("trial %d", trial)
          .containsExactlyElementsOf(naive(vectors, cl, threshold));
    }
  }

  /** Textbook O(N^3) average linkage: recompute every cluster-pair mean from scratch each step. */
  private static List<int[]> naive(List<float[]> v, AgglomerativeClusterer.CannotLink cl, double max) {
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
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
              sum += cl.test(Math.min(i, j), Math.max(i, j))
                  ? Double.POSITIVE_INFINITY
                  : Math.max(0, 1 - Embeddings.dot(v.get(i), v.get(j)));
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
}
