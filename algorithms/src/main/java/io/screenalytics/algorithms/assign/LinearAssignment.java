package io.screenalytics.algorithms.assign;

import java.util.Arrays;

/**
 * Minimum-cost linear assignment with a cost limit, behaving exactly like the ByteTrack reference's
 * {@code lap.lapjv(cost, extend_cost=True, cost_limit=limit)} (GitHub {@code gatagat/lap},
 * {@code _lapjv.pyx}).
 *
 * <p>The R x C problem is embedded in a square problem of size {@code R + C}: the real costs top-left,
 * every other entry {@code limit / 2}, except the bottom-right C x R block which is 0. Solving it exactly
 * yields the partial matching that minimises {@code sum over matched pairs of (cost - limit)}: a pair with
 * cost above the limit is never matched, and a pair below it only when that lowers the total. This is not
 * the same as an unconstrained assignment followed by dropping the pairs over the limit.
 *
 * <p>The square problem is solved with the shortest augmenting path algorithm of R. Jonker and
 * A. Volgenant, "A shortest augmenting path algorithm for dense and sparse linear assignment problems",
 * Computing 38 (1987) 325-340: column reduction, reduction transfer, then one Dijkstra-like augmentation per
 * free row with dual (column price) updates. The optional augmenting row reduction phase, a speed-up only,
 * is left out; the result is an exact optimum in O(n^3) for n = R + C. When the optimum is unique (no
 * ties) it is the same matching as any other exact solver's.
 *
 * <p>{@link #maximise} solves the plain rectangular maximum-weight problem (SciPy's
 * {@code linear_sum_assignment(weight, maximize=True)}) with the same square solver, padding the shorter side
 * with zero-weight dummies.
 *
 * <p>Both entry points are checked against {@code lap.lapjv} and SciPy on stored seeded cases in
 * {@code LinearAssignmentTest}. Stateless and thread-safe.
 */
public final class LinearAssignment {

  private LinearAssignment() {}

  /**
   * Solves a rectangular assignment with a cost limit; the column count is taken from the first row (0 when
   * there are no rows, use {@link #solve(double[][], int, double)} to keep it).
   *
   * @param cost      R x C costs, finite
   * @param costLimit finite limit; pairs with higher cost stay unmatched
   * @return the matching
   * @throws IllegalArgumentException if the matrix is ragged or a value is not finite
   */
  public static Assignment solve(double[][] cost, double costLimit) {
    return solve(cost, cost.length == 0 ? 0 : cost[0].length, costLimit);
  }

  /**
   * Solves a rectangular assignment with a cost limit.
   *
   * @param cost      R x C costs (every row of length C), finite; R or C may be 0
   * @param cols      the column count C, needed when R is 0
   * @param costLimit finite limit; pairs with higher cost stay unmatched
   * @return the matching; every row and column is unmatched when R or C is 0
   * @throws IllegalArgumentException if a row is not of length C or a value is not finite
   */
  public static Assignment solve(double[][] cost, int cols, double costLimit) {
    if (!Double.isFinite(costLimit)) {
      throw new IllegalArgumentException("cost limit must be finite, got " + costLimit);
    }
    if (cols < 0) {
      throw new IllegalArgumentException("negative column count " + cols);
    }
    int rows = cost.length;
    int[] rowToCol = new int[rows];
    int[] colToRow = new int[cols];
    Arrays.fill(rowToCol, -1);
    Arrays.fill(colToRow, -1);
    checkFinite(cost, cols, "cost");
    if (rows == 0 || cols == 0) {
      return new Assignment(rowToCol, colToRow);
    }
    int n = rows + cols;
    double[][] ext = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i < rows && j < cols) {
          ext[i][j] = cost[i][j];
        } else if (i >= rows && j >= cols) {
          ext[i][j] = 0;
        } else {
          ext[i][j] = costLimit / 2;
        }
      }
    }
    int[] x = solveSquare(ext);
    for (int i = 0; i < rows; i++) {
      if (x[i] < cols) {
        rowToCol[i] = x[i];
        colToRow[x[i]] = i;
      }
    }
    return new Assignment(rowToCol, colToRow);
  }

  /**
   * Maximum-weight assignment on a rectangular matrix: {@code min(R, C)} pairs, no limit.
   *
   * @param weight R x C weights (every row of the first row's length), finite, any sign; R or C may be 0
   * @return for each row its column, or -1 when the row is left over (R &gt; C)
   * @throws IllegalArgumentException if the matrix is ragged or a value is not finite
   */
  public static int[] maximise(double[][] weight) {
    int rows = weight.length;
    int cols = rows == 0 ? 0 : weight[0].length;
    checkFinite(weight, cols, "weight");
    int[] rowToCol = new int[rows];
    Arrays.fill(rowToCol, -1);
    if (rows == 0 || cols == 0) {
      return rowToCol;
    }
    int n = Math.max(rows, cols);
    double[][] cost = new double[n][n];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        cost[i][j] = -weight[i][j];
      }
    }
    int[] x = solveSquare(cost);
    for (int i = 0; i < rows; i++) {
      rowToCol[i] = x[i] < cols ? x[i] : -1;
    }
    return rowToCol;
  }

  /** Throws unless every row has {@code cols} finite values. */
  private static void checkFinite(double[][] matrix, int cols, String what) {
    for (double[] row : matrix) {
      if (row.length != cols) {
        throw new IllegalArgumentException(what + " row of length " + row.length + ", expected " + cols);
      }
      for (double v : row) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(what + "s must be finite, got " + v);
        }
      }
    }
  }

  /**
   * Solves a square assignment exactly (Jonker-Volgenant without augmenting row reduction).
   *
   * @param c n x n finite costs, n &gt;= 1
   * @return {@code x} with {@code x[row] = column}, a permutation of minimum total cost
   */
  static int[] solveSquare(double[][] c) {
    int n = c.length;
    int[] x = new int[n];
    int[] y = new int[n];
    Arrays.fill(x, -1);
    Arrays.fill(y, -1);
    double[] v = new double[n];
    int[] hits = new int[n];

    // Column reduction, last column first: each column's price is its minimum; a row that is the minimum
    // of several columns keeps the first of them.
    for (int j = n - 1; j >= 0; j--) {
      int imin = 0;
      double min = c[0][j];
      for (int i = 1; i < n; i++) {
        if (c[i][j] < min) {
          min = c[i][j];
          imin = i;
        }
      }
      v[j] = min;
      if (++hits[imin] == 1) {
        x[imin] = j;
        y[j] = imin;
      }
    }

    // Reduction transfer: a row assigned once moves its slack to its column's price.
    int[] free = new int[n];
    int nFree = 0;
    for (int i = 0; i < n; i++) {
      if (hits[i] == 0) {
        free[nFree++] = i;
      } else if (hits[i] == 1 && n > 1) {
        int j1 = x[i];
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          if (j != j1) {
            min = Math.min(min, c[i][j] - v[j]);
          }
        }
        v[j1] -= min;
      }
    }

    // Augmentation: a shortest path from each free row to a free column over reduced costs.
    double[] d = new double[n];
    int[] pred = new int[n];
    int[] col = new int[n];
    for (int f = 0; f < nFree; f++) {
      int freeRow = free[f];
      for (int j = 0; j < n; j++) {
        d[j] = c[freeRow][j] - v[j];
        pred[j] = freeRow;
        col[j] = j;
      }
      // col[0..low) scanned (ready), col[low..up) at the current minimum distance, col[up..n) to do.
      int low = 0;
      int up = 0;
      int ready = 0;
      double min = 0;
      int end = -1;
      while (end < 0) {
        if (up == low) {
          ready = low;
          min = d[col[up++]];
          for (int k = up; k < n; k++) {
            int j = col[k];
            double h = d[j];
            if (h <= min) {
              if (h < min) {
                up = low;
                min = h;
              }
              col[k] = col[up];
              col[up++] = j;
            }
          }
          for (int k = low; k < up; k++) {
            if (y[col[k]] < 0) {
              end = col[k];
              break;
            }
          }
          if (end >= 0) {
            break;
          }
        }
        int j1 = col[low++];
        int i = y[j1];
        double u1 = c[i][j1] - v[j1] - min;
        for (int k = up; k < n; k++) {
          int j = col[k];
          double h = c[i][j] - v[j] - u1;
          if (h < d[j]) {
            d[j] = h;
            pred[j] = i;
            if (h == min) {
              if (y[j] < 0) {
                end = j;
                break;
              }
              col[k] = col[up];
              col[up++] = j;
            }
          }
        }
      }
      for (int k = 0; k < ready; k++) {
        int j = col[k];
        v[j] += d[j] - min;
      }
      int j = end;
      while (true) {
        int i = pred[j];
        y[j] = i;
        int previous = x[i];
        x[i] = j;
        if (i == freeRow) {
          break;
        }
        j = previous;
      }
    }
    return x;
  }
}
