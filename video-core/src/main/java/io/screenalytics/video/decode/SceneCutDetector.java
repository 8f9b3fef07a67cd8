package io.screenalytics.video.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import io.screenalytics.vision.image.PixelFormat;

/**
 * Finds scene cuts (hard shot boundaries) and gradual transitions (fades to and from black) in every decoded frame
 * of a video, each placed on its first frame. Pure Java on {@link Thumbnail}s, no FFmpeg.
 *
 * <p>Method, for each decoded frame {@code k} (in order; with {@link SamplingPolicy#FAST_STRIDE} the decoded frames
 * are the reference frames, one to three source frames apart):
 * <ol>
 *   <li>its change {@code d(k)}: the mean absolute difference to the previous decoded frame, luma weighted twice
 *       and each chroma plane once ({@code (2|dY| + |dCb| + |dCr|) / 4}, 0..255), inside the {@link ActiveArea}
 *       (letterbox and pillarbox borders left out);</li>
 *   <li>its adaptive ratio: {@code d(k)} over what its neighbourhood predicts, the mean change per source frame of
 *       the {@link #WINDOW} decoded frames before and after it times {@code k}'s own gap in source frames (at least
 *       {@link #MIN_EXPECTED}). This is the idea of PySceneDetect's {@code AdaptiveDetector} (B. Castellano,
 *       scenedetect/detectors/adaptive_detector.py, BSD-3: a frame's content change divided by the average of its
 *       {@code window_width} neighbours on each side, cut at a ratio of 3.0 with a minimum change); this code is our
 *       own and adds the gap normalisation, since decoded frames are not evenly spaced;</li>
 *   <li>a cut is the first frame of the new shot: {@code k} is a cut when its ratio reaches the ratio threshold
 *       ({@link #DEFAULT_RATIO}), its change reaches the minimum change ({@link #DEFAULT_MIN_CHANGE}) and it is at
 *       least {@code cooldownFrames} source frames after the last cut (PySceneDetect's {@code min_scene_len}).</li>
 * </ol>
 * Fades: a run of at least {@link #MIN_FADE_FRAMES} source frames whose mean luma (in the active area) falls steadily
 * to a black floor (under {@link #BLACK_LUMA}) is a fade-out, one rising steadily from it a fade-in; both are
 * reported as {@link Transition}s, never as cuts (the change into or out of black is spread over the fade, so the
 * adaptive ratio stays low; a picture that jumps straight from or to black is a cut, as ContentDetector reports it).
 * A fade-out from one picture, black, and a fade-in to a different picture (HSV-histogram distance of the frames
 * before the fade-out and after the fade-in at least {@link #THROUGH_BLACK_DISTANCE}) is a change of shot: it is
 * reported as one cut, on the first lit frame of the fade-in (PySceneDetect's {@code testvideo.mp4} truth, frame
 * 394); the same picture faded out and back in is none ({@code fades.mp4}). Dissolves between two pictures without
 * black are not detected as transitions: their change is spread over many frames, so they yield no cut either.
 *
 * <p>Decisions wait for {@link #WINDOW} decoded frames after the candidate: {@link #settledThrough()} says up to
 * which frame they are final; {@link #finish()} settles the rest at the end of the stream.
 *
 * <p>Measured on the shared truth videos (decoder-service README): PySceneDetect's {@code testvideo.mp4} (content
 * cuts 30, 180, 394, six fades), {@code fades.mp4} (no cut), the Hamilton clip (cuts 20, 82, 211) and composed
 * letterboxed episodes. Stateful and not thread-safe: one detector per video.
 */
public final class SceneCutDetector {

  /** Decoded frames on each side whose change forms the neighbourhood (PySceneDetect's {@code window_width}). */
  public static final int WINDOW = 2;
  /** Adaptive ratio from which a change is a cut (PySceneDetect's {@code adaptive_threshold} default, 3.0). */
  public static final double DEFAULT_RATIO = 3.0;
  /**
   * Smallest change of a cut, mean absolute difference on 0..255. The true cuts of the truth videos and composed
   * episodes measure 14.0 ({@code counter.mp4}'s second step) to 50.9; a dark or flat scene can have ratios above 3
   * on changes of 1-5.
   */
  public static final double DEFAULT_MIN_CHANGE = 12.0;
  /** Floor of the neighbourhood's prediction, so that a still picture does not make every twitch a cut. */
  static final double MIN_EXPECTED = 1.0;
  /** Mean luma (full range) under which a frame is black, the end of a fade-out or start of a fade-in. */
  static final double BLACK_LUMA = 16;
  /**
   * Default cooldown in source frames: 8, about 0.27 s at 30 fps (the shortest shot of the truth videos is
   * {@code counter.mp4}'s 10 frames at 10 fps; two concatenation points of a composed episode lie 20 frames apart).
   */
  public static final int DEFAULT_COOLDOWN_FRAMES = 8;
  /** Luma steps smaller than this (0..255) are neither a fall nor a rise. */
  static final double LUMA_STEP = 0.25;
  /** Shortest fade, source frames from its first to its last frame. */
  static final int MIN_FADE_FRAMES = 3;
  /** Longest fade-in followed, source frames (about 5 s at 30 fps); a longer rise closes there. */
  static final int MAX_FADE_FRAMES = 150;
  /**
   * Histogram distance ({@link ColorHistogram}) from which the pictures either side of a fade through black are
   * different shots: 0.30, the global cut threshold of the histogram detector this class replaces, at which it found
   * the Hamilton clip's cuts (0.39-0.45) and no motion within a shot (at most 0.20).
   */
  static final double THROUGH_BLACK_DISTANCE = 0.30;

  /**
   * A scene cut.
   *
   * @param frameIdx the first frame of the new shot (its {@link DecodedFrame#frameIdx()})
   * @param ts that frame's presentation time, seconds on the file's timeline
   * @param change its mean absolute difference to the previous decoded frame, 0..255
   * @param ratio that change over the neighbourhood's prediction
   */
  public record Cut(long frameIdx, double ts, double change, double ratio) {
  }

  /** What kind of gradual transition. */
  public enum TransitionKind {
    /** The picture fades to black: ends on the first black frame. */
    FADE_OUT,
    /** The picture fades in from black: starts on the last black frame. */
    FADE_IN
  }

  /**
   * A gradual transition, reported apart from cuts.
   *
   * @param kind fade-out or fade-in
   * @param startFrameIdx first frame of the transition
   * @param startTs its time, seconds on the file's timeline
   * @param endFrameIdx last frame of the transition
   * @param endTs its time, seconds
   */
  public record Transition(TransitionKind kind, long startFrameIdx, double startTs, long endFrameIdx, double endTs) {
  }

  /** One decoded frame's measurements. */
  record Signal(long frameIdx, double ts, long gap, double change, double luma) {
    double rate() {
      return gap <= 0 ? 0 : change / gap;
    }
  }

  private final double ratioThreshold;
  private final double minChange;
  private final int cooldownFrames;
  private final ActiveArea area = new ActiveArea();
  private final List<Signal> window = new ArrayList<>();
  private final Deque<Cut> pendingCuts = new ArrayDeque<>();
  private final List<Cut> cuts = new ArrayList<>();
  private final List<Transition> transitions = new ArrayList<>();
  private Thumbnail previous;
  private long lastCutIdx = -1;
  private int transitionsTaken;
  private long settled = -1;
  private boolean finished;
  // fades: where the luma is, where it started falling, the last black frame, a shot change through black
  private enum FadeState { LIT, BLACK, RISING }
  private FadeState fadeState = FadeState.LIT;
  private Signal beforeLuma;
  private Thumbnail beforeThumb;
  private Signal fallFrom;
  private Thumbnail fallFromThumb;
  private Signal lastBlack;
  private Thumbnail throughBlackFrom;
  private Signal throughBlackCut;

  /** A detector with the defaults. */
  public SceneCutDetector() {
    this(DEFAULT_RATIO, DEFAULT_MIN_CHANGE, DEFAULT_COOLDOWN_FRAMES);
  }

  /**
   * @param ratioThreshold adaptive ratio of a cut, at least 1
   * @param minChange smallest change of a cut, mean absolute difference in (0, 255]
   * @param cooldownFrames minimum distance in source frames from the last cut, at least 0
   * @throws IllegalArgumentException if a value is out of range
   */
  public SceneCutDetector(double ratioThreshold, double minChange, int cooldownFrames) {
    if (!(ratioThreshold >= 1) || Double.isInfinite(ratioThreshold)) {
      throw new IllegalArgumentException("ratio threshold must be >= 1, was " + ratioThreshold);
    }
    if (!(minChange > 0 && minChange <= 255)) {
      throw new IllegalArgumentException("minimum change must be in (0, 255], was " + minChange);
    }
    if (cooldownFrames < 0) {
      throw new IllegalArgumentException("cooldownFrames must be >= 0, was " + cooldownFrames);
    }
    this.ratioThreshold = ratioThreshold;
    this.minChange = minChange;
    this.cooldownFrames = cooldownFrames;
  }

  /**
   * Feeds the next decoded frame (every one, in order; {@link FrameSampler#detectCuts} does it).
   *
   * @throws IllegalArgumentException if frames arrive out of order
   * @throws IllegalStateException after {@link #finish()}
   */
  public void accept(Thumbnail t) {
    if (finished) {
      throw new IllegalStateException("detector finished");
    }
    if (previous != null && t.frameIdx() <= previous.frameIdx()) {
      throw new IllegalArgumentException("frames must arrive in increasing frameIdx order: " + t.frameIdx()
          + " after " + previous.frameIdx());
    }
    area.observe(t);
    Signal s = FrameDifference.measure(area, previous, t);
    previous = t;
    trackFades(s, t);
    window.add(s);
    if (window.size() > 2 * WINDOW + 1) {
      window.remove(0);
    }
    int candidate = window.size() - 1 - WINDOW;
    if (candidate >= 0) {
      decide(candidate);
    }
  }

  /** Settles every frame fed so far: the end of the stream. Idempotent. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    for (int i = Math.max(0, window.size() - WINDOW); i < window.size(); i++) {
      if (window.get(i).frameIdx() > settled) {
        decide(i);
      }
    }
    if (fadeState == FadeState.RISING) {
      closeFadeIn(beforeLuma, beforeThumb);
    }
    settled = Long.MAX_VALUE;
  }

  /** Frame index up to which cuts are decided ({@code Long.MAX_VALUE} after {@link #finish()}, -1 at first). */
  public long settledThrough() {
    return throughBlackCut != null ? Math.min(settled, throughBlackCut.frameIdx() - 1) : settled;
  }

  /** Removes and returns the decided cuts at or before {@code frameIdx}, oldest first. */
  public List<Cut> takeCutsThrough(long frameIdx) {
    List<Cut> out = new ArrayList<>();
    while (!pendingCuts.isEmpty() && pendingCuts.peekFirst().frameIdx() <= frameIdx) {
      out.add(pendingCuts.pollFirst());
    }
    return out;
  }

  /**
   * Removes and returns the fades found so far that end at or before {@code frameIdx} (all of them with
   * {@code Long.MAX_VALUE}), in the order they ended.
   */
  public List<Transition> takeTransitionsThrough(long frameIdx) {
    List<Transition> out = new ArrayList<>();
    while (transitionsTaken < transitions.size() && transitions.get(transitionsTaken).endFrameIdx() <= frameIdx) {
      out.add(transitions.get(transitionsTaken++));
    }
    return out;
  }

  /** Every cut decided so far, oldest first. */
  public List<Cut> cuts() {
    return List.copyOf(cuts);
  }

  /** Every fade found so far, oldest first. */
  public List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  private void decide(int k) {
    Signal s = window.get(k);
    settled = s.frameIdx();
    if (s.gap() <= 0) {
      return; // the first frame
    }
    double rateSum = 0;
    int n = 0;
    for (int j = Math.max(0, k - WINDOW); j <= Math.min(window.size() - 1, k + WINDOW); j++) {
      Signal other = window.get(j);
      if (j != k && other.gap() > 0) {
        rateSum += other.rate();
        n++;
      }
    }
    // a longer gap predicts a proportionally larger change, up to 4 frames (the usual 3 B-frames skipped)
    double expected = Math.max(MIN_EXPECTED, n == 0 ? 0 : rateSum / n * Math.min(s.gap(), 4));
    double ratio = s.change() / expected;
    boolean cooledDown = lastCutIdx < 0 || s.frameIdx() - lastCutIdx >= cooldownFrames;
    if (ratio >= ratioThreshold && s.change() >= minChange && cooledDown) {
      Cut cut = new Cut(s.frameIdx(), s.ts(), s.change(), ratio);
      cuts.add(cut);
      pendingCuts.add(cut);
      lastCutIdx = s.frameIdx();
    }
  }

  /**
   * Follows the luma into and out of black: records fades, and the shot change of a fade through black (a fade-out
   * from one picture, black, a fade-in to a different one), which is placed on the fade-in's first lit frame.
   */
  private void trackFades(Signal s, Thumbnail t) {
    Signal prev = beforeLuma;
    Thumbnail prevThumb = beforeThumb;
    beforeLuma = s;
    beforeThumb = t;
    if (prev == null) {
      fadeState = s.luma() < BLACK_LUMA ? FadeState.BLACK : FadeState.LIT;
      lastBlack = s;
      return;
    }
    switch (fadeState) {
      case LIT -> {
        if (s.luma() < prev.luma() - LUMA_STEP) {
          if (fallFrom == null) {
            fallFrom = prev;
            fallFromThumb = prevThumb;
          }
          return;
        }
        if (prev.luma() < BLACK_LUMA) { // the luma reached a black floor at prev
          boolean fade = fallFrom != null && prev.frameIdx() - fallFrom.frameIdx() >= MIN_FADE_FRAMES;
          if (fade) {
            transitions.add(new Transition(TransitionKind.FADE_OUT, fallFrom.frameIdx(), fallFrom.ts(),
                prev.frameIdx(), prev.ts()));
          }
          // a fade-out opens a shot change through black; a cut to black is itself the shot change
          throughBlackFrom = fade && lastCutIdx < fallFrom.frameIdx() ? fallFromThumb : null;
          fadeState = FadeState.BLACK;
          lastBlack = prev;
          startRiseIfRising(prev, s);
        }
        fallFrom = null;
      }
      case BLACK -> {
        if (!startRiseIfRising(prev, s)) {
          lastBlack = s;
        }
      }
      case RISING -> {
        boolean rising = s.luma() > prev.luma() + LUMA_STEP;
        if (rising && s.frameIdx() - lastBlack.frameIdx() <= MAX_FADE_FRAMES) {
          return;
        }
        if (prev.luma() < BLACK_LUMA) { // a flicker in the black, not a fade-in
          fadeState = FadeState.BLACK;
          lastBlack = s;
          throughBlackCut = null;
          return;
        }
        closeFadeIn(prev, prevThumb);
        fadeState = FadeState.LIT;
        fallFrom = null;
        if (s.luma() < prev.luma() - LUMA_STEP) {
          fallFrom = prev;
          fallFromThumb = prevThumb;
        }
      }
      default -> throw new IllegalStateException(fadeState.name());
    }
  }

  /** In black: a rise of the luma at {@code s} starts a fade-in (or a cut out of black) from {@code prev}. */
  private boolean startRiseIfRising(Signal prev, Signal s) {
    if (s.luma() <= prev.luma() + LUMA_STEP) {
      return false;
    }
    fadeState = FadeState.RISING;
    lastBlack = prev;
    throughBlackCut = throughBlackFrom == null ? null : s;
    return true;
  }

  /** Ends a fade-in on {@code end}, and decides whether the fade through black changed the shot. */
  private void closeFadeIn(Signal end, Thumbnail endThumb) {
    if (end.frameIdx() - lastBlack.frameIdx() >= MIN_FADE_FRAMES) {
      transitions.add(new Transition(TransitionKind.FADE_IN, lastBlack.frameIdx(), lastBlack.ts(), end.frameIdx(),
          end.ts()));
    }
    if (throughBlackCut != null && throughBlackFrom != null && endThumb != null
        && histogramDistance(throughBlackFrom, endThumb) >= THROUGH_BLACK_DISTANCE) {
      Cut cut = new Cut(throughBlackCut.frameIdx(), throughBlackCut.ts(), throughBlackCut.change(), 0);
      insertInOrder(cuts, cut);
      pendingCuts.add(cut);
      List<Cut> sorted = new ArrayList<>(pendingCuts);
      sorted.sort(java.util.Comparator.comparingLong(Cut::frameIdx));
      pendingCuts.clear();
      pendingCuts.addAll(sorted);
      lastCutIdx = Math.max(lastCutIdx, cut.frameIdx());
    }
    throughBlackCut = null;
    throughBlackFrom = null;
  }

  private static void insertInOrder(List<Cut> list, Cut cut) {
    int at = list.size();
    while (at > 0 && list.get(at - 1).frameIdx() > cut.frameIdx()) {
      at--;
    }
    list.add(at, cut);
  }

  /** Bhattacharyya distance of the thumbnails' HSV histograms ({@link ColorHistogram}), 0..1. */
  static double histogramDistance(Thumbnail a, Thumbnail b) {
    return ColorHistogram.bhattacharyya(ColorHistogram.of(asFrame(a)), ColorHistogram.of(asFrame(b)));
  }

  private static DecodedFrame asFrame(Thumbnail t) {
    return DecodedFrame.wrap(t.frameIdx(), t.ts(), t.width(), t.height(), PixelFormat.YUVJ420P, t.yuv(), t.width(),
        t.height());
  }
}
