package io.screenalytics.asd.span;

import io.screenalytics.voice.speech.SpeechRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides where active speaker detection is needed (issue 25 part 2): speech, padded, where two or more face tracks
 * are on screen. A span keeps one set of tracks throughout, so it ends where a track starts or ends: at a scene cut
 * (the tracker closes every track there), at a chunk boundary of an episode decoded in chunks (tracks end with
 * {@code chunk_end} and new ones start after it), or where a face leaves. Every track of a span is on screen over the
 * whole span, so each gets one crop per frame. Single-face footage gives no span. Stateless and thread-safe.
 *
 * @param padSeconds  added to both sides of each speech region before it is intersected with the tracks (0.5 s:
 *                    the model sees the lips move into and out of the speech; the design's figure)
 * @param minSeconds  shortest span kept; shorter ones are left to the presence rule (0.5 s = 12 frames at 25 fps,
 *                    above the 7 frames {@code FaceCrops} needs for its 13-frame median)
 */
public record SpanPlanner(double padSeconds, double minSeconds) {

  /** 0.5 s of padding, spans of at least 0.5 s. */
  public static final SpanPlanner DEFAULT = new SpanPlanner(0.5, 0.5);

  /** Tolerance on times, seconds: far under a frame. */
  private static final double EPS = 1e-6;

  /**
   * Checks the parameters.
   *
   * @throws IllegalArgumentException when either is negative or not finite
   */
  public SpanPlanner {
    if (!(padSeconds >= 0) || !Double.isFinite(padSeconds) || !(minSeconds >= 0) || !Double.isFinite(minSeconds)) {
      throw new IllegalArgumentException("padSeconds and minSeconds must be finite and >= 0: " + padSeconds + ", "
          + minSeconds);
    }
  }

  /**
   * The contested spans of an episode.
   *
   * @param tracks the episode's closed tracks (any order)
   * @param speech the voice stage's speech regions (any order, may overlap)
   * @return the spans in time order, indexed from 0; empty when no speech has two faces on screen
   */
  public List<ContestedSpan> plan(List<TrackPath> tracks, List<SpeechRegion> speech) {
    List<double[]> talk = padded(speech);
    if (talk.isEmpty() || tracks.size() < 2) return List.of();
    TreeSet<Double> points = new TreeSet<>();
    for (TrackPath t : tracks) {
      points.add(t.firstTs());
      points.add(t.lastTs());
    }
    for (double[] s : talk) {
      points.add(s[0]);
      points.add(s[1]);
    }
    List<double[]> bounds = new ArrayList<>();
    List<List<Integer>> sets = new ArrayList<>();
    Double prev = null;
    for (double p : points) {
      if (prev != null && p - prev > EPS) {
        double a = prev;
        double b = p;
        List<Integer> on = onScreen(tracks, a, b);
        if (on.size() >= 2 && inside(talk, (a + b) / 2)) {
          int last = bounds.size() - 1;
          if (last >= 0 && Math.abs(bounds.get(last)[1] - a) <= EPS && sets.get(last).equals(on)) {
            bounds.get(last)[1] = b;
          } else {
            bounds.add(new double[] {a, b});
            sets.add(on);
          }
        }
      }
      prev = p;
    }
    List<ContestedSpan> out = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      double[] b = bounds.get(i);
      if (b[1] - b[0] + EPS >= minSeconds) out.add(new ContestedSpan(out.size(), b[0], b[1], sets.get(i)));
    }
    return out;
  }

  /** The tracks on screen over all of {@code [a, b]}, ascending by id. */
  private static List<Integer> onScreen(List<TrackPath> tracks, double a, double b) {
    List<Integer> on = new ArrayList<>();
    for (TrackPath t : tracks) {
      if (t.firstTs() <= a + EPS && t.lastTs() >= b - EPS) on.add(t.trackId());
    }
    on.sort(null);
    return on;
  }

  private static boolean inside(List<double[]> talk, double t) {
    for (double[] s : talk) {
      if (t >= s[0] && t < s[1]) return true;
    }
    return false;
  }

  /** Speech regions padded on both sides (not before 0), sorted and merged where they touch. */
  private List<double[]> padded(List<SpeechRegion> speech) {
    List<double[]> in = new ArrayList<>();
    for (SpeechRegion r : speech) {
      if (r.end() > r.start()) in.add(new double[] {Math.max(0, r.start() - padSeconds), r.end() + padSeconds});
    }
    in.sort((x, y) -> Double.compare(x[0], y[0]));
    List<double[]> out = new ArrayList<>();
    for (double[] s : in) {
      if (!out.isEmpty() && s[0] <= out.get(out.size() - 1)[1]) {
        out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], s[1]);
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
