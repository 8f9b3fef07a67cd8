package io.screenalytics.voice.eval;

import java.util.Arrays;

/**
 * Speaker-verification figures from similarity scores of same-speaker and different-speaker pairs.
 *
 * @param auc          area under the ROC curve (probability that a same pair outscores a different pair, ties 1/2)
 * @param eer          equal error rate, 0..1: where the false-reject and false-accept rates cross
 * @param eerThreshold the score at the equal error rate
 * @param samePairs    number of same-speaker pairs
 * @param diffPairs    number of different-speaker pairs
 */
public record VerificationMetrics(double auc, double eer, double eerThreshold, int samePairs, int diffPairs) {

  /**
   * Computes the figures.
   *
   * @throws IllegalArgumentException when either list is empty
   */
  public static VerificationMetrics of(double[] same, double[] different) {
    if (same.length == 0 || different.length == 0) throw new IllegalArgumentException("need both kinds of pairs");
    double[] s = same.clone();
    double[] d = different.clone();
    Arrays.sort(s);
    Arrays.sort(d);
    double wins = 0;
    int lo = 0;
    int hi = 0;
    for (double x : s) {
      while (lo < d.length && d[lo] < x) lo++;
      hi = Math.max(hi, lo);
      while (hi < d.length && d[hi] <= x) hi++;
      wins += lo + (hi - lo) / 2.0;
    }
    double auc = wins / ((double) s.length * d.length);
    double bestGap = Double.POSITIVE_INFINITY;
    double eer = 1;
    double threshold = 0;
    double[] candidates = new double[s.length + d.length];
    System.arraycopy(s, 0, candidates, 0, s.length);
    System.arraycopy(d, 0, candidates, s.length, d.length);
    for (double t : candidates) {
      double falseReject = countBelow(s, t) / (double) s.length;
      double falseAccept = (d.length - countBelow(d, t)) / (double) d.length;
      double gap = Math.abs(falseReject - falseAccept);
      if (gap < bestGap) {
        bestGap = gap;
        eer = (falseReject + falseAccept) / 2;
        threshold = t;
      }
    }
    return new VerificationMetrics(auc, eer, threshold, s.length, d.length);
  }

  private static int countBelow(double[] sorted, double t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i < 0) return -i - 1;
    while (i > 0 && sorted[i - 1] == t) i--;
    return i;
  }
}
