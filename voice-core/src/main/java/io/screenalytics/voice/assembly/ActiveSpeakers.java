package io.screenalytics.voice.assembly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who active speaker detection says speaks, frame by frame, over the spans it scored. A frame of a track may speak
 * when its logit is {@code >= 0} inside a run of such frames whose highest logit reaches {@code minPeak} (a plateau
 * just over 0 is not speech). At each frame every identity takes its best track (one that may speak first, then the
 * highest logit); the speakers are the identities that may speak with a logit within {@code margin} of the highest of
 * those (two faces speaking at once both get the speech); none means no face on screen speaks. Outside every scored
 * span nothing is said. Immutable.
 */
final class ActiveSpeakers {

  /** A stretch of time with one decision. */
  record Piece(double from, double to, List<AsdEvidence> evidence) {

    /** Whether active speaker detection scored the stretch ({@code evidence} is null when not). */
    boolean scored() {
      return evidence != null;
    }

    /** The identities given the stretch's speech, empty when no face speaks or it was not scored. */
    List<String> speakers() {
      return evidence == null ? List.of() : evidence.stream().filter(AsdEvidence::speaking)
          .map(AsdEvidence::identityId).toList();
    }

    /** Whether {@code identityId} was scored here (on screen, speaking or not). */
    boolean sees(String identityId) {
      return evidence != null && evidence.stream().anyMatch(e -> e.identityId().equals(identityId));
    }

    /**
     * Whether {@code identityId} has the highest mean logit of two or more faces scored here: where no face reaches
     * 0, the face among those on screen that active speaker detection ranks first.
     */
    boolean leads(String identityId) {
      if (evidence == null || evidence.size() < 2) return false;
      AsdEvidence best = evidence.stream().max(Comparator.comparingDouble(AsdEvidence::meanLogit)).get();
      return best.identityId().equals(identityId);
    }

    double seconds() {
      return to - from;
    }
  }

  /** Elementary intervals (between consecutive frame edges of any track), sorted and disjoint. */
  private final double[] starts;
  private final double[] ends;
  /** Per interval, per identity scored: its best track, logit, and whether it speaks. */
  private final List<Map<String, Frame>> frames;

  private record Frame(int trackId, float logit, boolean speaking) {}

  private ActiveSpeakers(double[] starts, double[] ends, List<Map<String, Frame>> frames) {
    this.starts = starts;
    this.ends = ends;
    this.frames = frames;
  }

  /**
   * @param faces    the logits, any order
   * @param margin   two faces {@code >= 0} whose logits differ by at most this much both speak
   * @param minPeak  a run of consecutive frames {@code >= 0} of one span speaks only when its highest logit
   *                 reaches this ({@link VoiceSettings#asdMinPeak()}); 0 takes every frame {@code >= 0}
   */
  static ActiveSpeakers of(List<FaceLogits> faces, double margin, double minPeak) {
    TreeSet<Double> edges = new TreeSet<>();
    Map<FaceLogits, Decided> decided = new IdentityHashMap<>();
    for (FaceLogits f : faces) {
      for (int k = 0; k <= f.logits().length; k++) edges.add(round(f.startS() + k / f.fps()));
      decided.put(f, Decided.of(f.logits(), minPeak));
    }
    List<Double> s = new ArrayList<>();
    List<Double> e = new ArrayList<>();
    List<Map<String, Frame>> out = new ArrayList<>();
    // sweep in time: only the spans around the current frame are looked at
    List<FaceLogits> byStart = faces.stream().sorted(Comparator.comparingDouble(FaceLogits::startS)).toList();
    List<FaceLogits> active = new ArrayList<>();
    int next = 0;
    Double previous = null;
    for (double edge : edges) {
      if (previous != null) {
        double mid = (previous + edge) / 2;
        while (next < byStart.size() && byStart.get(next).startS() <= mid) active.add(byStart.get(next++));
        active.removeIf(f -> f.endS() <= mid);
        Map<String, Frame> at = new LinkedHashMap<>();
        for (FaceLogits f : active) {
          float logit = f.logitAt(mid);
          if (Float.isNaN(logit)) continue;
          boolean may = decided.get(f).mayAt(f, mid);
          // until the frame's decision below, a Frame's speaking says whether it may speak
          Frame had = at.get(f.identityId());
          if (had == null || may && !had.speaking() || may == had.speaking() && logit > had.logit()) {
            at.put(f.identityId(), new Frame(f.trackId(), logit, may));
          }
        }
        if (!at.isEmpty()) {
          float best = Float.NEGATIVE_INFINITY;
          for (Frame fr : at.values()) if (fr.speaking()) best = Math.max(best, fr.logit());
          for (Map.Entry<String, Frame> x : at.entrySet()) {
            Frame fr = x.getValue();
            x.setValue(new Frame(fr.trackId(), fr.logit(), fr.speaking() && fr.logit() >= best - margin));
          }
          s.add(previous);
          e.add(edge);
          out.add(at);
        }
      }
      previous = edge;
    }
    return new ActiveSpeakers(s.stream().mapToDouble(Double::doubleValue).toArray(),
        e.stream().mapToDouble(Double::doubleValue).toArray(), out);
  }

  /** Per frame of one span, whether the face may speak there: {@code >= 0} in a run whose peak reaches the minimum. */
  private record Decided(boolean[] may) {

    static Decided of(float[] v, double minPeak) {
      boolean[] may = new boolean[v.length];
      for (int i = 0; i < v.length; ) {
        if (!(v[i] >= 0)) {
          i++;
          continue;
        }
        int j = i;
        float peak = Float.NEGATIVE_INFINITY;
        for (; j < v.length && v[j] >= 0; j++) peak = Math.max(peak, v[j]);
        if (peak >= minPeak) Arrays.fill(may, i, j, true);
        i = j;
      }
      return new Decided(may);
    }

    boolean mayAt(FaceLogits f, double ts) {
      int i = (int) Math.floor((ts - f.startS()) * f.fps());
      return i >= 0 && i < may.length && may[i];
    }
  }

  /** Whether nothing was scored. */
  boolean isEmpty() {
    return starts.length == 0;
  }

  /**
   * {@code [from, to)} cut where the decision changes: consecutive frames with the same faces scored and the same
   * speakers form one piece, with each face's mean logit over it; stretches outside every scored span are pieces
   * without evidence. The pieces cover {@code [from, to)} in time order.
   */
  List<Piece> cut(double from, double to) {
    List<Piece> out = new ArrayList<>();
    int i = Arrays.binarySearch(ends, from);
    i = i >= 0 ? i + 1 : -i - 1;
    double t = from;
    Acc acc = null;
    for (; i < starts.length && starts[i] < to; i++) {
      double a = Math.max(from, starts[i]);
      double b = Math.min(to, ends[i]);
      if (b <= a) continue;
      if (a > t + 1e-9) {
        if (acc != null) out.add(acc.piece());
        acc = null;
        out.add(new Piece(t, a, null));
      }
      Map<String, Frame> f = frames.get(i);
      if (acc == null || !acc.same(f)) {
        if (acc != null) out.add(acc.piece());
        acc = new Acc(a, f);
      }
      acc.add(b, f);
      t = b;
    }
    if (acc != null) out.add(acc.piece());
    if (to > t + 1e-9) out.add(new Piece(t, to, null));
    return out;
  }

  /** A piece being built: its frames' logits summed, weighted by time. */
  private static final class Acc {
    private final double from;
    private double to;
    private final Map<String, Frame> first;
    private final Map<String, Double> weighted = new LinkedHashMap<>();

    Acc(double from, Map<String, Frame> first) {
      this.from = from;
      this.to = from;
      this.first = first;
    }

    boolean same(Map<String, Frame> f) {
      if (!f.keySet().equals(first.keySet())) return false;
      for (Map.Entry<String, Frame> x : f.entrySet()) {
        if (x.getValue().speaking() != first.get(x.getKey()).speaking()) return false;
      }
      return true;
    }

    void add(double until, Map<String, Frame> f) {
      double w = until - to;
      f.forEach((id, fr) -> weighted.merge(id, w * fr.logit(), Double::sum));
      to = until;
    }

    Piece piece() {
      List<AsdEvidence> evidence = new ArrayList<>();
      double span = to - from;
      first.forEach((id, fr) -> evidence.add(new AsdEvidence(id, fr.trackId(),
          span > 0 ? weighted.get(id) / span : fr.logit(), fr.speaking())));
      return new Piece(from, to, List.copyOf(evidence));
    }
  }

  private static double round(double t) {
    return Math.round(t * 1e6) / 1e6;
  }
}
