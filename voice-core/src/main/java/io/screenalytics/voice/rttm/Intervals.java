package io.screenalytics.voice.rttm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Set operations on {@code double[2]} half-open intervals. Stateless. */
public final class Intervals {

  private Intervals() {
  }

  /** Sorted, disjoint union of intervals (touching ones merged). */
  public static List<double[]> union(List<double[]> intervals) {
    List<double[]> sorted = new ArrayList<>();
    for (double[] i : intervals) if (i[1] > i[0]) sorted.add(i.clone());
    sorted.sort(Comparator.comparingDouble(i -> i[0]));
    List<double[]> out = new ArrayList<>();
    for (double[] i : sorted) {
      if (!out.isEmpty() && i[0] <= out.get(out.size() - 1)[1]) {
        double[] last = out.get(out.size() - 1);
        last[1] = Math.max(last[1], i[1]);
      } else {
        out.add(i);
      }
    }
    return out;
  }

  /** {@code a} minus {@code b}; both sorted and disjoint. */
  public static List<double[]> subtract(List<double[]> a, List<double[]> b) {
    List<double[]> out = new ArrayList<>();
    for (double[] x : a) {
      double start = x[0];
      for (double[] y : b) {
        if (y[1] <= start || y[0] >= x[1]) continue;
        if (y[0] > start) out.add(new double[] {start, y[0]});
        start = Math.max(start, y[1]);
      }
      if (start < x[1]) out.add(new double[] {start, x[1]});
    }
    return out;
  }

  /** Total length. */
  public static double length(List<double[]> intervals) {
    double s = 0;
    for (double[] i : intervals) s += i[1] - i[0];
    return s;
  }
}
