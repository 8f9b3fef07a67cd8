package io.screenalytics.algorithms.roc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Threshold-free and threshold figures of a verification score (higher = more likely the same person).
 *
 * <ul>
 *   <li>AUC: the probability that a random same-person pair scores above a random different-person pair,
 *       ties counting one half: the Mann-Whitney U statistic divided by {@code P * N} (Hanley and McNeil
 *       1982, "The meaning and use of the area under a receiver operating characteristic (ROC) curve",
 *       Radiology 143(1)), computed from mid-ranks in O(n log n).
 *   <li>EER: the error rate where the false accept rate (different pairs at or above the threshold) and
 *       the false reject rate (same pairs below it) are closest, taken as their mean; thresholds tried are
 *       the observed scores.
 *   <li>Best accuracy: the largest fraction of pairs classified right by "same if score &gt;= t", and the
 *       t giving it (the smallest such observed score).
 * </ul>
 *
 * <p>These are the points of scikit-learn's {@code roc_curve(drop_intermediate=False)}; AUC equals its
 * {@code roc_auc_score}. Checked against both on stored seeded cases in {@code RocTest}. Used for face
 * verification (launcher {@code eval}) and speaker verification (voice-core {@code VoiceEvaluation}).
 *
 * @param auc             0..1
 * @param eer             0..1
 * @param eerThreshold    score at the EER
 * @param bestAccuracy    0..1
 * @param bestThreshold   score giving {@code bestAccuracy} ({@code +infinity} when calling every pair
 *                        different is best)
 * @param positives       number of same pairs
 * @param negatives       number of different pairs
 */
public record Roc(double auc, double eer, double eerThreshold, double bestAccuracy, double bestThreshold,
                  int positives, int negatives) {

  /** One scored pair. */
  public record Scored(double score, boolean same) {}

  /**
   * Computes the figures from the scores of the two kinds of pairs.
   *
   * @param same      scores of same pairs
   * @param different scores of different pairs
   * @throws IllegalArgumentException when either is empty, or a score is NaN
   */
  public static Roc of(double[] same, double[] different) {
    List<Scored> pairs = new ArrayList<>(same.length + different.length);
    Arrays.stream(same).forEach(s -> pairs.add(new Scored(s, true)));
    Arrays.stream(different).forEach(s -> pairs.add(new Scored(s, false)));
    return of(pairs);
  }

  /**
   * Computes the figures.
   *
   * @param pairs scored pairs, any order
   * @throws IllegalArgumentException when there is not at least one same and one different pair, or a
   *     score is NaN
   */
  public static Roc of(List<Scored> pairs) {
    long positives = pairs.stream().filter(Scored::same).count();
    long negatives = pairs.size() - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("need same and different pairs, got " + positives + " and " + negatives);
    }
    if (pairs.stream().anyMatch(p -> Double.isNaN(p.score()))) {
      throw new IllegalArgumentException("NaN score");
    }
    List<Scored> sorted = new ArrayList<>(pairs);
    sorted.sort(Comparator.comparingDouble(Scored::score));
    double positiveRankSum = 0;
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j < sorted.size() && sorted.get(j).score() == sorted.get(i).score()) {
        j++;
      }
      double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
      for (int k = i; k < j; k++) {
        if (sorted.get(k).same()) {
          positiveRankSum += midRank;
        }
      }
      i = j;
    }
    double u = positiveRankSum - positives * (positives + 1) / 2.0;
    double auc = u / ((double) positives * negatives);

    double eer = 1;
    double eerThreshold = Double.NaN;
    double eerGap = Double.POSITIVE_INFINITY;
    double bestAccuracy = -1;
    double bestThreshold = Double.NaN;
    // walk thresholds upward: at sorted score s_i, pairs below index i are called "different"
    long samesBelow = 0;
    long differentsBelow = 0;
    for (int i = 0; i < sorted.size(); ) {
      double t = sorted.get(i).score();
      double frr = samesBelow / (double) positives;
      double far = (negatives - differentsBelow) / (double) negatives;
      if (Math.abs(far - frr) < eerGap) {
        eerGap = Math.abs(far - frr);
        eer = (far + frr) / 2;
        eerThreshold = t;
      }
      double accuracy = (positives - samesBelow + differentsBelow) / (double) sorted.size();
      if (accuracy > bestAccuracy) {
        bestAccuracy = accuracy;
        bestThreshold = t;
      }
      while (i < sorted.size() && sorted.get(i).score() == t) {
        if (sorted.get(i).same()) {
          samesBelow++;
        } else {
          differentsBelow++;
        }
        i++;
      }
    }
    if (negatives / (double) sorted.size() > bestAccuracy) { // a threshold above every score
      bestAccuracy = negatives / (double) sorted.size();
      bestThreshold = Double.POSITIVE_INFINITY;
    }
    return new Roc(auc, eer, eerThreshold, bestAccuracy, bestThreshold, (int) positives, (int) negatives);
  }
}
