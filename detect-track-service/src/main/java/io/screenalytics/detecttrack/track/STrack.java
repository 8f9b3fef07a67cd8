package io.screenalytics.detecttrack.track;

import java.util.ArrayList;
import java.util.List;

/**
 * One track, or a detection wrapped as a candidate track (reference {@code byte_tracker.STrack}). Mutable,
 * owned by one {@link ByteTracker}.
 */
final class STrack {

  private final BBox detBox;
  private KalmanState kalman;
  private int trackId;
  private TrackState state = TrackState.NEW;
  private boolean activated;
  private double score;
  private ScoredBox lastDetection;
  private int frameId;
  private int startFrame;

  private STrack(ScoredBox detection) {
    // the reference stores tlwh = (x1, y1, x2 - x1, y2 - y1) and reads tlbr back as x1 + w, y1 + h
    BBox b = detection.box();
    this.detBox = BBox.ofTlwh(b.x1(), b.y1(), b.x2() - b.x1(), b.y2() - b.y1());
    this.score = detection.score();
    this.lastDetection = detection;
  }

  /** A candidate track (state New) for a detection. */
  static STrack candidate(ScoredBox detection) {
    return new STrack(detection);
  }

  /** Starts this candidate as a track (reference {@code activate}); only frame 1 activates at once. */
  void activate(KalmanFilter kf, int frame, int id) {
    trackId = id;
    kalman = kf.initiate(Xyah.fromBox(detBox));
    state = TrackState.TRACKED;
    activated = frame == 1;
    frameId = frame;
    startFrame = frame;
  }

  /** Updates a Tracked track with a matched detection (reference {@code update}). */
  void update(KalmanFilter kf, STrack det, int frame) {
    absorb(kf, det, frame);
  }

  /** Re-finds a Lost track with a matched detection, keeping its id (reference {@code re_activate}). */
  void reActivate(KalmanFilter kf, STrack det, int frame) {
    absorb(kf, det, frame);
  }

  private void absorb(KalmanFilter kf, STrack det, int frame) {
    kalman = kf.update(kalman, Xyah.fromBox(det.box()));
    state = TrackState.TRACKED;
    activated = true;
    frameId = frame;
    score = det.score;
    lastDetection = det.lastDetection;
  }

  void markLost() {
    state = TrackState.LOST;
  }

  void markRemoved() {
    state = TrackState.REMOVED;
  }

  /**
   * Predicts every track one frame ahead with the shared filter (reference {@code multi_predict}); tracks
   * that are not Tracked get their height velocity zeroed first.
   */
  static void multiPredict(KalmanFilter kf, List<STrack> tracks) {
    List<KalmanState> in = new ArrayList<>(tracks.size());
    for (STrack t : tracks) {
      in.add(t.state == TrackState.TRACKED ? t.kalman : t.kalman.withMean(7, 0.0));
    }
    List<KalmanState> out = kf.multiPredict(in);
    for (int i = 0; i < tracks.size(); i++) {
      tracks.get(i).kalman = out.get(i);
    }
  }

  /** Current box: the Kalman mean once started, else the detection box; pixels. */
  BBox box() {
    return kalman == null ? detBox : kalman.toBox();
  }

  int trackId() {
    return trackId;
  }

  TrackState state() {
    return state;
  }

  boolean isActivated() {
    return activated;
  }

  double score() {
    return score;
  }

  /** The detection this track was last matched to (itself, for a new track). */
  ScoredBox lastDetection() {
    return lastDetection;
  }

  /** Last frame the track was matched (reference {@code end_frame}, which is {@code frame_id}). */
  int endFrame() {
    return frameId;
  }

  /** Frames since start as the duplicate check measures it: {@code frame_id - start_frame}. */
  int age() {
    return frameId - startFrame;
  }

  TrackedBox toOutput() {
    return new TrackedBox(trackId, box(), score, lastDetection);
  }

  @Override
  public String toString() {
    return "STrack{id=" + trackId + ", " + state + ", frames " + startFrame + "-" + frameId + "}";
  }
}
