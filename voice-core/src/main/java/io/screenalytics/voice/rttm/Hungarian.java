package io.screenalytics.voice.rttm;

import java.util.Arrays;

/**
 * Maximum-weight assignment on a rectangular matrix (Kuhn-Munkres with potentials, O(n^2 m)). Stateless.
 */
final class Hungarian {

  private Hungarian() {
  }

  /**
   * @param weight {@code double[rows][cols]}, any sign
   * @return for each row, its column or -1 (when there are more rows than columns)
   */
  static int[] maximise(double[][] weight) {
    int rows = weight.length;
    int cols = rows == 0 ? 0 : weight[0].length;
    boolean transpose = rows > cols;
    int n = transpose ? cols : rows;
    int m = transpose ? rows : cols;
    double[][] cost = new double[n + 1][m + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) cost[i + 1][j + 1] = -(transpose ? weight[j][i] : weight[i][j]);
    }
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1];
    int[] way = new int[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      double[] minv = new double[m + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[m + 1];
      do {
        used[j0] = true;
        int i0 = p[j0];
        int j1 = 0;
        double delta = Double.POSITIVE_INFINITY;
        for (int j = 1; j <= m; j++) {
          if (used[j]) continue;
          double cur = cost[i0][j] - u[i0] - v[j];
          if (cur < minv[j]) {
            minv[j] = cur;
            way[j] = j0;
          }
          if (minv[j] < delta) {
            delta = minv[j];
            j1 = j;
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] out = new int[rows];
    Arrays.fill(out, -1);
    for (int j = 1; j <= m; j++) {
      if (p[j] == 0) continue;
      if (transpose) out[j - 1] = p[j] - 1;
      else out[p[j] - 1] = j - 1;
    }
    return out;
  }
}
