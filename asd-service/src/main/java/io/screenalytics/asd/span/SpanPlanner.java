package io.screenalytics.asd.span;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where active speaker detection is needed (issue 25 part 2). Two kinds of span, each with one set of tracks
 * on screen throughout, so every track of a span gets one crop per frame:
 * <ul>
 *   <li><b>contested</b>: speech, padded, where two or more face tracks are on screen. Such a span ends where a track
 *       starts or ends: at a scene cut (the tracker closes every track there), at a chunk boundary of an episode
 *       decoded in chunks (tracks end with {@code chunk_end} and new ones start after it), or where a face leaves;</li>
 *   <li><b>a voice whose face is in doubt</b>: speech that goes on, in the same voice, across a change of the single
 *       face on screen (one single-face track ends, only faceless time follows, and another single-face track
 *       begins, all inside one padded speech region): a cut from the speaker to a silent listener (a reaction shot)
 *       or back. Presence alone would give the listener the speaker's words, so both sides of the change are scored,
 *       each with its one face, up to {@code doubtSeconds} from the change. The voice is the same when the two
 *       sides' windows (those wholly inside each side) are closer than the voice clustering's cut:
 *       {@code 1 - mean1 . mean2 <= }{@link #SAME_VOICE_DISTANCE}, which for L2-normalised embeddings is exactly the
 *       average-linkage distance between the two groups of windows. A side with no whole window (under 1.6 s of
 *       speech) is not judged.</li>
 * </ul>
 * Spans shorter than {@code minSeconds} are dropped. Single-face footage where each person speaks alone on screen has
 * no span. Stateless and thread-safe.
 *
 * @param padSeconds   added to both sides of each speech region before it is intersected with the tracks (0.5 s:
 *                     the model sees the lips move into and out of the speech; the design's figure)
 * @param minSeconds   shortest span kept; shorter ones are left to the presence rule (0.5 s = 12 frames at 25 fps,
 *                     above the 7 frames {@code FaceCrops} needs for its 13-frame median)
 * @param doubtSeconds how far a face-in-doubt span reaches from the change of face on each side, seconds; 0 turns the
 *                     rule off. 4 s: enough for the speaker's side alone to show the voice's face speaking for the
 *                     linking's {@code splitSeconds} (2 s) at the default model's worst measured share of a turn
 *                     (81.5 % on the two-shot: 3.3 s), while a long monologue with one reaction shot costs at most
 *                     8 face-seconds (about 2.4 CPU-s) per change instead of the whole monologue
 */
public record SpanPlanner(double padSeconds, double minSeconds, double doubtSeconds) {

  private static final Logger LOG = LoggerFactory.getLogger(SpanPlanner.class);

  /** 0.5 s of padding, spans of at least 0.5 s, face-in-doubt spans up to 4 s each side of a change. */
  public static final SpanPlanner DEFAULT = new SpanPlanner(0.5, 0.5, 4.0);

  /**
   * Largest average cosine distance between the windows on the two sides of a change for the voice to count as the
   * same: 0.30, stricter than the voice clustering's cut ({@link Diarizer#DEFAULT_MAX_DISTANCE}, 0.4), which joins
   * groups of many windows while a change has one to three windows a side. Measured (the stage's debug log "voice
   * distance"): the same voice across a change 0.22 (the composed reaction shot's two cuts, the office meeting's
   * two changes); different people across the cuts of the 1-minute composed bench episode (six talking heads, audio
   * kept) 0.386, 0.397, 0.398, 0.493, 0.519, 0.538, 0.613, and of {@code VoiceEpisodeIT}'s episode 0.553, 0.613. At
   * 0.4 three of the bench episode's seven cuts were in doubt, 23 s of one-face spans costing 0.34-0.42 CPU-s per
   * video-second (docs/active-speaker.md, "Cost in the pipeline"); at 0.30 none is.
   */
  public static final double SAME_VOICE_DISTANCE = 0.30;

  /** Tolerance on times, seconds: far under a frame. */
  private static final double EPS = 1e-6;

  /**
   * Checks the parameters.
   *
   * @throws IllegalArgumentException when any is negative or not finite
   */
  public SpanPlanner {
    if (!(padSeconds >= 0) || !Double.isFinite(padSeconds) || !(minSeconds >= 0) || !Double.isFinite(minSeconds)
        || !(doubtSeconds >= 0) || !Double.isFinite(doubtSeconds)) {
      throw new IllegalArgumentException("padSeconds, minSeconds and doubtSeconds must be finite and >= 0: "
          + padSeconds + ", " + minSeconds + ", " + doubtSeconds);
    }
  }

  /** The contested spans only (no voice windows, so no face-in-doubt span); see {@link #plan(List, List, List, List)}. */
  public List<ContestedSpan> plan(List<TrackPath> tracks, List<SpeechRegion> speech) {
    return plan(tracks, speech, List.of(), List.of());
  }

  /**
   * The spans of an episode to score.
   *
   * @param tracks     the episode's closed tracks (any order)
   * @param speech     the voice stage's speech regions (any order, may overlap)
   * @param windows    the voice stage's windows (any order)
   * @param embeddings each window's GE2E embedding, {@code float[256]} L2-normalised, parallel to {@code windows}
   * @return the spans in time order, indexed from 0: the contested ones (two or more tracks) and the face-in-doubt
   *         ones (one track each); empty when no speech has two faces on screen or a face in doubt
   * @throws IllegalArgumentException when {@code windows} and {@code embeddings} differ in size
   */
  public List<ContestedSpan> plan(List<TrackPath> tracks, List<SpeechRegion> speech, List<SpeechWindow> windows,
                                  List<float[]> embeddings) {
    if (windows.size() != embeddings.size()) {
      throw new IllegalArgumentException(windows.size() + " windows but " + embeddings.size() + " embeddings");
    }
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
    List<Stretch> stretches = new ArrayList<>();
    Double prev = null;
    for (double p : points) {
      if (prev != null && p - prev > EPS) stretches.add(new Stretch(prev, p, onScreen(tracks, prev, p)));
      prev = p;
    }
    List<ContestedSpan> out = new ArrayList<>(contested(stretches, talk));
    if (doubtSeconds > 0) out.addAll(inDoubt(stretches, talk, windows, embeddings));
    out.sort(Comparator.comparingDouble(ContestedSpan::startS));
    List<ContestedSpan> indexed = new ArrayList<>(out.size());
    for (ContestedSpan s : out) indexed.add(new ContestedSpan(indexed.size(), s.startS(), s.endS(), s.trackIds()));
    return indexed;
  }

  /** A stretch between consecutive edges (track ends, speech edges) with the tracks on screen over all of it. */
  private record Stretch(double a, double b, List<Integer> on) {}

  /** The same single track on screen from {@code a} to {@code b}, faceless or other-face time around it. */
  private record Run(double a, double b, int track) {}

  /** Speech with the same two or more tracks on screen. */
  private List<ContestedSpan> contested(List<Stretch> stretches, List<double[]> talk) {
    List<double[]> bounds = new ArrayList<>();
    List<List<Integer>> sets = new ArrayList<>();
    for (Stretch s : stretches) {
      if (s.on().size() < 2 || !inside(talk, (s.a() + s.b()) / 2)) continue;
      int last = bounds.size() - 1;
      if (last >= 0 && Math.abs(bounds.get(last)[1] - s.a()) <= EPS && sets.get(last).equals(s.on())) {
        bounds.get(last)[1] = s.b();
      } else {
        bounds.add(new double[] {s.a(), s.b()});
        sets.add(s.on());
      }
    }
    List<ContestedSpan> out = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      double[] b = bounds.get(i);
      if (b[1] - b[0] + EPS >= minSeconds) out.add(new ContestedSpan(0, b[0], b[1], sets.get(i)));
    }
    return out;
  }

  /** Speech on both sides of a change of the single face on screen, in the same voice. */
  private List<ContestedSpan> inDoubt(List<Stretch> stretches, List<double[]> talk, List<SpeechWindow> windows,
                                      List<float[]> embeddings) {
    // runs of one track alone; a stretch with two or more faces breaks the sequence (null), faceless time does not
    List<Run> runs = new ArrayList<>();
    for (Stretch s : stretches) {
      Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (s.on().size() >= 2) {
        if (last != null) runs.add(null);
      } else if (s.on().size() == 1) {
        int t = s.on().get(0);
        if (last != null && last.track() == t && Math.abs(last.b() - s.a()) <= EPS) {
          runs.set(runs.size() - 1, new Run(last.a(), s.b(), t));
        } else {
          runs.add(new Run(s.a(), s.b(), t));
        }
      }
    }
    List<List<double[]>> doubt = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) doubt.add(new ArrayList<>());
    for (int i = 0; i + 1 < runs.size(); i++) {
      Run r1 = runs.get(i);
      Run r2 = runs.get(i + 1);
      if (r1 == null || r2 == null || r1.track() == r2.track() || !speechAcross(talk, r1.b(), r2.a())) continue;
      double[] before = {Math.max(r1.a(), r1.b() - doubtSeconds), r1.b()};
      double[] after = {r2.a(), Math.min(r2.b(), r2.a() + doubtSeconds)};
      if (sameVoice(windows, embeddings, before, after)) {
        doubt.get(i).add(before);
        doubt.get(i + 1).add(after);
      }
    }
    List<ContestedSpan> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      for (double[] d : merged(doubt.get(i))) {
        for (double[] s : talk) {
          double a = Math.max(d[0], s[0]);
          double b = Math.min(d[1], s[1]);
          if (b - a + EPS >= minSeconds) out.add(new ContestedSpan(0, a, b, List.of(runs.get(i).track())));
        }
      }
    }
    return out;
  }

  /** Whether one padded speech region runs from before {@code end} to after {@code start}: speech goes on. */
  private static boolean speechAcross(List<double[]> talk, double end, double start) {
    for (double[] s : talk) {
      if (s[0] < end - EPS && s[1] > start + EPS) return true;
    }
    return false;
  }

  /**
   * Whether the windows wholly inside {@code x} and those wholly inside {@code y} are one voice by the clustering's
   * average-linkage cut; false when either side has none.
   */
  private static boolean sameVoice(List<SpeechWindow> windows, List<float[]> embeddings, double[] x, double[] y) {
    double[] mx = mean(windows, embeddings, x);
    double[] my = mean(windows, embeddings, y);
    if (mx == null || my == null) return false;
    double dot = 0;
    for (int k = 0; k < mx.length; k++) dot += mx[k] * my[k];
    LOG.debug("change of face at {}-{} s: voice distance {} across it", x[1], y[0], 1 - dot);
    return 1 - dot <= SAME_VOICE_DISTANCE + EPS;
  }

  /** Mean of the unit-length embeddings of the windows wholly inside {@code side}, or null when there is none. */
  private static double[] mean(List<SpeechWindow> windows, List<float[]> embeddings, double[] side) {
    double[] sum = null;
    int n = 0;
    for (int i = 0; i < windows.size(); i++) {
      SpeechWindow w = windows.get(i);
      if (w.start() < side[0] - EPS || w.end() > side[1] + EPS) continue;
      float[] e = embeddings.get(i);
      double norm = Embeddings.norm(e);
      if (norm == 0) continue;
      if (sum == null) sum = new double[e.length];
      if (e.length != sum.length) throw new IllegalArgumentException("embeddings of different sizes");
      Embeddings.addScaled(sum, e, 1 / norm);
      n++;
    }
    if (sum == null) return null;
    for (int k = 0; k < sum.length; k++) sum[k] /= n;
    return sum;
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
    return merged(in);
  }

  /** Intervals sorted and merged where they touch or overlap. */
  private static List<double[]> merged(List<double[]> intervals) {
    List<double[]> in = new ArrayList<>(intervals);
    in.sort((x, y) -> Double.compare(x[0], y[0]));
    List<double[]> out = new ArrayList<>();
    for (double[] s : in) {
      if (!out.isEmpty() && s[0] <= out.get(out.size() - 1)[1]) {
        out.get(out.size() - 1)[1] = Math.max(out.get(out.size() - 1)[1], s[1]);
      } else {
        out.add(new double[] {s[0], s[1]});
      }
    }
    return out;
  }
}
