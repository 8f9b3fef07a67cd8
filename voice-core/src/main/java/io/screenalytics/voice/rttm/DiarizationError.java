package io.screenalytics.voice.rttm;

import io.screenalytics.algorithms.assign.LinearAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Diarization error rate as {@code pyannote.metrics.diarization.DiarizationErrorRate} defines it: the scored time is
 * the UEM minus a collar around every reference turn boundary (half of {@code collar} before, half after) and,
 * when {@code skipOverlap}, minus the reference's overlapped speech; both annotations are cropped to it; the
 * hypothesis labels are mapped one-to-one onto the reference's by maximum total co-occurrence
 * ({@link LinearAssignment#maximise}); then over every elementary segment of duration d with {@code R} reference
 * and {@code H} hypothesis speakers and {@code C} mapped matches: total += R d, missed += max(0, R - H) d,
 * false alarm += max(0, H - R) d, confusion += (min(R, H) - C) d.
 * Immutable and thread-safe.
 *
 * @param collar      total collar width in seconds (0.25 here: 0.125 each side)
 * @param skipOverlap score only where at most one reference speaker talks
 */
public record DiarizationError(double collar, boolean skipOverlap) {

  /** Validates. */
  public DiarizationError {
    if (!(collar >= 0)) throw new IllegalArgumentException("collar must be >= 0, was " + collar);
  }

  /**
   * Scores one file.
   *
   * @param reference  truth turns
   * @param hypothesis system turns
   * @param uem        scored regions {@code double[2]} (seconds); null or empty: from 0 to the end of the last turn
   */
  public DerComponents score(List<SpeakerTurn> reference, List<SpeakerTurn> hypothesis, List<double[]> uem) {
    List<double[]> scored = new ArrayList<>();
    if (uem == null || uem.isEmpty()) {
      double end = 0;
      for (SpeakerTurn t : reference) end = Math.max(end, t.end());
      for (SpeakerTurn t : hypothesis) end = Math.max(end, t.end());
      scored.add(new double[] {0, end});
    } else {
      for (double[] u : uem) scored.add(u.clone());
    }
    scored = Intervals.union(scored);
    if (collar > 0) {
      List<double[]> collars = new ArrayList<>();
      for (SpeakerTurn t : reference) {
        collars.add(new double[] {t.start() - collar / 2, t.start() + collar / 2});
        collars.add(new double[] {t.end() - collar / 2, t.end() + collar / 2});
      }
      scored = Intervals.subtract(scored, Intervals.union(collars));
    }
    if (skipOverlap) scored = Intervals.subtract(scored, overlap(reference));
    List<SpeakerTurn> ref = crop(reference, scored);
    List<SpeakerTurn> hyp = crop(hypothesis, scored);
    return count(ref, hyp);
  }

  private static DerComponents count(List<SpeakerTurn> ref, List<SpeakerTurn> hyp) {
    TreeSet<Double> cuts = new TreeSet<>();
    for (SpeakerTurn t : ref) {
      cuts.add(t.start());
      cuts.add(t.end());
    }
    for (SpeakerTurn t : hyp) {
      cuts.add(t.start());
      cuts.add(t.end());
    }
    List<Double> points = new ArrayList<>(cuts);
    List<Set<String>> refSets = new ArrayList<>();
    List<Set<String>> hypSets = new ArrayList<>();
    List<Double> durations = new ArrayList<>();
    Map<String, Integer> refIds = new HashMap<>();
    Map<String, Integer> hypIds = new HashMap<>();
    for (int i = 0; i + 1 < points.size(); i++) {
      double a = points.get(i);
      double b = points.get(i + 1);
      double mid = (a + b) / 2;
      Set<String> r = labelsAt(ref, mid);
      Set<String> h = labelsAt(hyp, mid);
      if (r.isEmpty() && h.isEmpty()) continue;
      r.forEach(x -> refIds.putIfAbsent(x, refIds.size()));
      h.forEach(x -> hypIds.putIfAbsent(x, hypIds.size()));
      refSets.add(r);
      hypSets.add(h);
      durations.add(b - a);
    }
    double[][] cooccurrence = new double[hypIds.size()][refIds.size()];
    for (int s = 0; s < durations.size(); s++) {
      for (String h : hypSets.get(s)) {
        for (String r : refSets.get(s)) cooccurrence[hypIds.get(h)][refIds.get(r)] += durations.get(s);
      }
    }
    int[] mapping = LinearAssignment.maximise(cooccurrence);
    double total = 0;
    double missed = 0;
    double falseAlarm = 0;
    double confusion = 0;
    for (int s = 0; s < durations.size(); s++) {
      double d = durations.get(s);
      int nr = refSets.get(s).size();
      int nh = hypSets.get(s).size();
      int correct = 0;
      for (String h : hypSets.get(s)) {
        int mapped = mapping[hypIds.get(h)];
        if (mapped < 0 || cooccurrence[hypIds.get(h)][mapped] == 0) continue;
        for (String r : refSets.get(s)) {
          if (refIds.get(r) == mapped) correct++;
        }
      }
      total += nr * d;
      missed += Math.max(0, nr - nh) * d;
      falseAlarm += Math.max(0, nh - nr) * d;
      confusion += (Math.min(nr, nh) - correct) * d;
    }
    return new DerComponents(total, missed, falseAlarm, confusion);
  }

  private static Set<String> labelsAt(List<SpeakerTurn> turns, double t) {
    Set<String> out = new LinkedHashSet<>();
    for (SpeakerTurn turn : turns) {
      if (turn.start() <= t && t < turn.end()) out.add(turn.speaker());
    }
    return out;
  }

  private static List<SpeakerTurn> crop(List<SpeakerTurn> turns, List<double[]> scored) {
    List<SpeakerTurn> out = new ArrayList<>();
    for (SpeakerTurn t : turns) {
      for (double[] s : scored) {
        double a = Math.max(t.start(), s[0]);
        double b = Math.min(t.end(), s[1]);
        if (b > a) out.add(new SpeakerTurn(t.file(), a, b, t.speaker()));
      }
    }
    out.sort(Comparator.comparingDouble(SpeakerTurn::start));
    return out;
  }

  /** Where two or more different reference speakers talk at once. */
  static List<double[]> overlap(List<SpeakerTurn> reference) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < reference.size(); i++) {
      for (int j = i + 1; j < reference.size(); j++) {
        SpeakerTurn a = reference.get(i);
        SpeakerTurn b = reference.get(j);
        if (a.speaker().equals(b.speaker())) continue;
        double s = Math.max(a.start(), b.start());
        double e = Math.min(a.end(), b.end());
        if (e > s) out.add(new double[] {s, e});
      }
    }
    return Intervals.union(out);
  }
}
