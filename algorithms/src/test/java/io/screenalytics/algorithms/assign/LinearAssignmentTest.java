package io.screenalytics.algorithms.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.screenalytics.algorithms.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

  @Test
  void shouldAgreeWithLapjvUnderACostLimit() {
    // Given seeded random R x C costs and limits, answered by lap.lapjv(cost, extend_cost=True,
    // cost_limit=limit), the ByteTrack reference's call (src/test/python/make_reference.py)
    JsonNode cases = Reference.casesNode("assignment.json").get("limited");
    assertThat(cases.size()).isGreaterThanOrEqualTo(5);
    for (int c = 0; c < cases.size(); c++) {
      JsonNode k = cases.get(c);
      double[][] cost = Reference.matrix(k.get("cost"));
      // When
      Assignment a = LinearAssignment.solve(cost, k.get("limit").asDouble());
      // Then the same matching, row by row
      int[] expected = Reference.ints(k.get("rowToCol"));
      for (int r = 0; r < expected.length; r++) {
        assertThat(a.colOf(r)).as("case %d row %d", c, r).isEqualTo(expected[r]);
      }
    }
  }

  @Test
  void shouldAgreeWithScipyWhenMaximising() {
    // Given seeded random weights (any sign), answered by scipy's linear_sum_assignment(maximize=True)
    JsonNode cases = Reference.casesNode("assignment.json").get("maximised");
    assertThat(cases.size()).isGreaterThanOrEqualTo(5);
    for (int c = 0; c < cases.size(); c++) {
      JsonNode k = cases.get(c);
      // When / Then
      assertThat(LinearAssignment.maximise(Reference.matrix(k.get("weight"))))
          .as("case %d", c).containsExactly(Reference.ints(k.get("rowToCol")));
    }
  }

  @Test
  void shouldMaximiseOnEmptyAndRejectNonFiniteWeights() {
    assertThat(LinearAssignment.maximise(new double[0][])).isEmpty();
    assertThat(LinearAssignment.maximise(new double[][] {{}, {}})).containsExactly(-1, -1);
    assertThatThrownBy(() -> LinearAssignment.maximise(new double[][] {{1, Double.NaN}}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldMatchBruteForceOnRandomSquareMatrices() {
    Random random = new Random(20220101);
    for (int trial = 0; trial < 500; trial++) {
      // Given a random n x n matrix
      int n = 1 + random.nextInt(7);
      double[][] c = randomMatrix(random, n, n, trial % 3 == 0);

      // When solved
      int[] x = LinearAssignment.solveSquare(c);

      // Then it is a permutation with the optimal total
      assertThat(x).as("trial %d", trial).containsExactlyInAnyOrder(range(n));
      assertThat(total(c, x)).as("trial %d", trial).isCloseTo(bruteForceSquare(c), within(1e-12));
    }
  }

  @Test
  void shouldMatchBruteForceWithCostLimit() {
    Random random = new Random(42);
    double[] limits = {0.2, 0.5, 0.7, 0.8, 1.0};
    for (int trial = 0; trial < 2000; trial++) {
      // Given a random R x C matrix (R, C in 0..5) and a limit
      int rows = random.nextInt(6);
      int cols = random.nextInt(6);
      double[][] cost = randomMatrix(random, rows, cols, false);
      double limit = limits[trial % limits.length];

      // When solved with the limit
      Assignment a = LinearAssignment.solve(cost, cols, limit);

      // Then the matching is the unique brute-force optimum of sum(cost - limit) over matched pairs
      int[] expected = bruteForceLimited(cost, cols, limit);
      for (int r = 0; r < rows; r++) {
        assertThat(a.colOf(r)).as("trial %d row %d", trial, r).isEqualTo(expected[r]);
        if (a.colOf(r) >= 0) {
          assertThat(cost[r][a.colOf(r)]).isLessThanOrEqualTo(limit);
          assertThat(a.rowOf(a.colOf(r))).isEqualTo(r);
        }
      }
      assertThat(a.matches().size() + a.unmatchedCols().size()).isEqualTo(cols);
      assertThat(a.matches().size() + a.unmatchedRows().size()).isEqualTo(rows);
    }
  }

  @Test
  void shouldReachOptimumOnTiedIntegerCosts() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + random.nextInt(6);
      double[][] c = new double[n][n];
      for (double[] row : c) {
        for (int j = 0; j < n; j++) {
          row[j] = random.nextInt(4);
        }
      }
      assertThat(total(c, LinearAssignment.solveSquare(c))).isEqualTo(bruteForceSquare(c));
    }
  }

  @Test
  void shouldNotBeHungarianThenDrop() {
    // Given the fused costs of the README's syn_assign_limit: tracks A, B against detections x, y
    double[][] cost = {{0.528, 0.781}, {0.573, 1.0}};

    // When solved with limit 0.8
    Assignment a = LinearAssignment.solve(cost, 0.8);

    // Then only A-x is matched (-0.272 beats A-y + B-x = -0.019 - 0.227 = -0.246); a plain assignment would
    // pick A-y and B-x (1.354 < 1.528) and keep both after dropping pairs over the limit
    assertThat(a.matches()).containsExactly(new Assignment.Match(0, 0));
    assertThat(a.unmatchedRows()).containsExactly(1);
    assertThat(a.unmatchedCols()).containsExactly(1);
    assertThat(LinearAssignment.solveSquare(cost)).containsExactly(1, 0);
  }

  @Test
  void shouldLeaveEverythingUnmatchedWhenADimensionIsEmpty() {
    Assignment noRows = LinearAssignment.solve(new double[0][], 3, 0.8);
    assertThat(noRows.matches()).isEmpty();
    assertThat(noRows.unmatchedCols()).containsExactly(0, 1, 2);

    Assignment noCols = LinearAssignment.solve(new double[][] {{}, {}}, 0.8);
    assertThat(noCols.unmatchedRows()).containsExactly(0, 1);
    assertThat(noCols.unmatchedCols()).isEmpty();
  }

  @Test
  void shouldRejectNonFiniteInput() {
    assertThatThrownBy(() -> LinearAssignment.solve(new double[][] {{Double.NaN}}, 0.8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinearAssignment.solve(new double[][] {{0.1}}, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinearAssignment.solve(new double[][] {{0.1, 0.2}, {0.3}}, 0.8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double[][] randomMatrix(Random random, int rows, int cols, boolean wide) {
    double[][] c = new double[rows][cols];
    for (double[] row : c) {
      for (int j = 0; j < cols; j++) {
        row[j] = wide ? random.nextDouble() * 200 - 100 : random.nextDouble();
      }
    }
    return c;
  }

  private static Integer[] range(int n) {
    Integer[] out = new Integer[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  private static double total(double[][] c, int[] x) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += c[i][x[i]];
    }
    return sum;
  }

  private static double bruteForceSquare(double[][] c) {
    return bestPermutation(c, 0, new boolean[c.length], 0.0);
  }

  private static double bestPermutation(double[][] c, int row, boolean[] used, double acc) {
    if (row == c.length) {
      return acc;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < c.length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.min(best, bestPermutation(c, row + 1, used, acc + c[row][j]));
        used[j] = false;
      }
    }
    return best;
  }

  /** Row to column (-1 unmatched) minimising sum(cost - limit) over matched pairs, by enumeration. */
  private static int[] bruteForceLimited(double[][] cost, int cols, double limit) {
    List<int[]> best = new ArrayList<>();
    double[] bestValue = {Double.POSITIVE_INFINITY};
    enumerate(cost, cols, limit, 0, new int[cost.length], new boolean[cols], 0.0, best, bestValue);
    return best.get(0);
  }

  private static void enumerate(
      double[][] cost, int cols, double limit, int row, int[] x, boolean[] used, double acc,
      List<int[]> best, double[] bestValue) {
    if (row == cost.length) {
      if (acc < bestValue[0]) {
        bestValue[0] = acc;
        best.clear();
        best.add(x.clone());
      }
      return;
    }
    x[row] = -1;
    enumerate(cost, cols, limit, row + 1, x, used, acc, best, bestValue);
    for (int j = 0; j < cols; j++) {
      if (!used[j]) {
        used[j] = true;
        x[row] = j;
        enumerate(cost, cols, limit, row + 1, x, used, acc + cost[row][j] - limit, best, bestValue);
        used[j] = false;
      }
    }
    x[row] = -1;
  }
}
