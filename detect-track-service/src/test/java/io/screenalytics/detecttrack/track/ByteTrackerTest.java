package io.screenalytics.detecttrack.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Constructed sequences at 30 fps with the reference parameters (buffer 30, so maxTimeLost = 30 frames). */
class ByteTrackerTest {

  private static final ByteTrackConfig CONFIG = ByteTrackConfig.reference(0.5, 0.8, 30, 30.0);

  /** A 60 x 120 px box with its top-left corner at (x, y). */
  private static ScoredBox face(int index, double x, double y, double score) {
    return ScoredBox.of(index, x, y, x + 60, y + 120, score);
  }

  /** Ids output per frame (1-based) over a sequence of frames. */
  private static Map<Integer, List<Integer>> run(ByteTracker tracker, List<List<ScoredBox>> frames) {
    Map<Integer, List<Integer>> ids = new LinkedHashMap<>();
    for (List<ScoredBox> frame : frames) {
      TrackerOutput out = tracker.update(frame);
      ids.put(out.frameId(), out.tracks().stream().map(TrackedBox::trackId).toList());
    }
    return ids;
  }

  @Test
  void shouldKeepIdsThroughACrossing() {
    // Given two faces moving towards each other at 8 px/frame on nearly the same row, crossing at frame 26
    ByteTracker tracker = new ByteTracker(CONFIG);
    TrackerOutput last = null;
    for (int f = 1; f <= 50; f++) {
      ScoredBox a = face(0, 100 + 8 * (f - 1), 100, 0.9);
      ScoredBox b = face(1, 500 - 8 * (f - 1), 110, 0.85);
      // When fed, with the detector order alternating (a first on frame 1, so a gets id 1)
      last = tracker.update(f % 2 == 1 ? List.of(a, b) : List.of(b, a));
      // Then both ids are output on every frame
      assertThat(last.tracks()).extracting(TrackedBox::trackId).containsExactlyInAnyOrder(1, 2);
    }
    // and after the crossing id 1 (face a, started on the left) is on the right, matched to a
    TrackedBox one = last.tracks().stream().filter(t -> t.trackId() == 1).findFirst().orElseThrow();
    TrackedBox two = last.tracks().stream().filter(t -> t.trackId() == 2).findFirst().orElseThrow();
    assertThat(one.detection().box().x1()).isEqualTo(100 + 8 * 49);
    assertThat(two.detection().box().x1()).isEqualTo(500 - 8 * 49);
    assertThat(one.box().x1()).isGreaterThan(two.box().x1());
  }

  @Test
  void shouldRefindAfterOcclusionInsideBuffer() {
    // Given a face moving 4 px/frame, hidden on frames 11-20, and a static face
    List<List<ScoredBox>> frames = new ArrayList<>();
    for (int f = 1; f <= 30; f++) {
      List<ScoredBox> dets = new ArrayList<>();
      dets.add(face(0, 600, 300, 0.8));
      if (f <= 10 || f > 20) {
        dets.add(face(1, 100 + 4 * (f - 1), 100, 0.9));
      }
      frames.add(dets);
    }

    // When tracked
    ByteTracker tracker = new ByteTracker(CONFIG);
    Map<Integer, List<Integer>> ids = run(tracker, frames);

    // Then the moving face keeps id 2 before and after (output again on the re-find frame 21)
    assertThat(ids.get(10)).containsExactly(1, 2);
    assertThat(ids.get(11)).containsExactly(1);
    assertThat(ids.get(21)).containsExactly(1, 2);
    assertThat(ids.get(30)).containsExactly(1, 2);
    assertThat(tracker.openTrackIds()).containsExactly(1, 2);
  }

  @Test
  void shouldKeepIdForMaxTimeLostPlusOneMissingFramesOnly() {
    // Given static faces last seen on frame 10 and back after 31 (kept: late removal) or 32 missing frames
    ByteTracker tracker = new ByteTracker(CONFIG);
    List<Integer> endedAt41 = null;
    for (int f = 1; f <= 50; f++) {
      List<ScoredBox> dets = new ArrayList<>();
      if (f <= 10 || f >= 42) {
        dets.add(face(0, 100, 100, 0.9));
      }
      if (f <= 10 || f >= 43) {
        dets.add(face(1, 400, 100, 0.9));
      }
      TrackerOutput out = tracker.update(dets);
      if (f == 41) {
        endedAt41 = out.endedTrackIds();
      }
      if (f == 42) {
        // Then the first is re-found under id 1
        assertThat(out.tracks()).extracting(TrackedBox::trackId).containsExactly(1);
        // and the second, marked removed on frame 41, leaves the lost pool now
        assertThat(out.endedTrackIds()).containsExactly(2);
      }
      if (f == 43) {
        // and the second starts again under a new id, unconfirmed until the next frame
        assertThat(out.tracks()).extracting(TrackedBox::trackId).containsExactly(1);
      }
      if (f == 44) {
        assertThat(out.tracks()).extracting(TrackedBox::trackId).containsExactly(1, 3);
      }
    }
    assertThat(endedAt41).isEmpty();
  }

  @Test
  void shouldStartNewIdBeyondTheBuffer() {
    ByteTracker tracker = new ByteTracker(CONFIG);
    List<List<ScoredBox>> frames = new ArrayList<>();
    for (int f = 1; f <= 60; f++) {
      frames.add(f <= 5 || f > 45 ? List.of(face(0, 100, 100, 0.9)) : List.of());
    }
    Map<Integer, List<Integer>> ids = run(tracker, frames);
    assertThat(ids.get(5)).containsExactly(1);
    assertThat(ids.get(46)).isEmpty(); // unconfirmed
    assertThat(ids.get(47)).containsExactly(2);
  }

  @Test
  void shouldRecoverLowScoreDetectionsInTheSecondAssociation() {
    // Given a face at 0.9 whose score drops to 0.3 on frames 6-10 (occluded), then back to 0.9
    ByteTracker tracker = new ByteTracker(CONFIG);
    for (int f = 1; f <= 15; f++) {
      double score = f >= 6 && f <= 10 ? 0.3 : 0.9;
      ScoredBox d = face(7, 100 + 2 * f, 100, score);
      TrackerOutput out = tracker.update(List.of(d));
      // Then it stays id 1 on every frame, matched to the low-score box
      assertThat(out.tracks()).extracting(TrackedBox::trackId).containsExactly(1);
      assertThat(out.tracks().get(0).score()).isEqualTo(score);
      assertThat(out.tracks().get(0).detectionIndex()).isEqualTo(7);
    }
    // and a face only ever seen at 0.3 never becomes a track
    TrackerOutput out = tracker.update(List.of(face(0, 132, 100, 0.9), face(1, 800, 400, 0.3)));
    assertThat(out.tracks()).extracting(TrackedBox::trackId).containsExactly(1);
    assertThat(tracker.openTrackIds()).containsExactly(1);
  }

  @Test
  void shouldTreatScoreEqualToTrackThreshAsNeitherHighNorLow() {
    ByteTracker tracker = new ByteTracker(CONFIG);
    tracker.update(List.of(face(0, 100, 100, 0.9)));
    TrackerOutput out = tracker.update(List.of(face(0, 100, 100, 0.5)));
    assertThat(out.tracks()).isEmpty();
    assertThat(tracker.update(List.of(face(0, 100, 100, 0.9))).tracks())
        .extracting(TrackedBox::trackId)
        .containsExactly(1);
  }

  @Test
  void shouldOutputNewTracksFromTheirSecondFrameAndSpendIdsOnUnconfirmedOnes() {
    ByteTracker tracker = new ByteTracker(CONFIG);
    List<List<ScoredBox>> frames = List.of(
        List.of(),
        List.of(face(0, 100, 100, 0.9)), // frame 2: unconfirmed id 1, removed on frame 3
        List.of(),
        List.of(face(0, 300, 100, 0.9)), // frame 4: unconfirmed id 2
        List.of(face(0, 302, 101, 0.9)), // frame 5: confirmed
        List.of(face(0, 304, 102, 0.55))); // frame 6: high but below det_thresh 0.6 is still matched
    Map<Integer, List<Integer>> ids = run(tracker, frames);
    assertThat(ids.get(2)).isEmpty();
    assertThat(ids.get(4)).isEmpty();
    assertThat(ids.get(5)).containsExactly(2);
    assertThat(ids.get(6)).containsExactly(2);
  }

  @Test
  void shouldNotStartTracksBelowDetThresh() {
    ByteTracker tracker = new ByteTracker(CONFIG);
    assertThat(tracker.update(List.of(face(0, 100, 100, 0.59))).tracks()).isEmpty();
    assertThat(tracker.update(List.of(face(0, 100, 100, 0.6))).tracks()).isEmpty(); // unconfirmed
    assertThat(tracker.update(List.of(face(0, 100, 100, 0.6))).tracks())
        .extracting(TrackedBox::trackId)
        .containsExactly(1);
  }

  @Test
  void shouldCountIdsPerInstanceFromOne() {
    ByteTracker first = new ByteTracker(CONFIG);
    first.update(List.of(face(0, 100, 100, 0.9), face(1, 400, 100, 0.9)));
    ByteTracker second = new ByteTracker(CONFIG);
    assertThat(second.update(List.of(face(0, 100, 100, 0.9))).tracks())
        .extracting(TrackedBox::trackId)
        .containsExactly(1);

    TrackIdSequence shared = new TrackIdSequence();
    new ByteTracker(CONFIG, shared).update(List.of(face(0, 100, 100, 0.9)));
    assertThat(new ByteTracker(CONFIG, shared).update(List.of(face(0, 100, 100, 0.9))).tracks())
        .extracting(TrackedBox::trackId)
        .containsExactly(2);
  }

  @Test
  void shouldReportTheMatchedDetectionAndTheKalmanBox() {
    ByteTracker tracker = new ByteTracker(CONFIG);
    tracker.update(List.of(face(0, 100, 100, 0.9), face(1, 400, 100, 0.9)));
    // the detections arrive in the other order with other indices, one of them shifted
    TrackerOutput out = tracker.update(List.of(face(5, 410, 100, 0.8), face(9, 100, 100, 0.7)));
    assertThat(out.tracks()).extracting(TrackedBox::trackId).containsExactly(1, 2);
    assertThat(out.tracks()).extracting(TrackedBox::detectionIndex).containsExactly(9, 5);
    TrackedBox moved = out.tracks().get(1);
    assertThat(moved.detection().box().x1()).isEqualTo(410);
    assertThat(moved.box().x1()).isStrictlyBetween(400.0, 410.0); // the filter lags the detection
  }
}
