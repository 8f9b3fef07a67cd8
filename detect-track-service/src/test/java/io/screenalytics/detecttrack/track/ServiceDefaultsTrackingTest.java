package io.screenalytics.detecttrack.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.TrackSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tracker as the service runs it by default: {@code track_thresh} 0.70, {@code match_thresh} 0.80,
 * {@code track_buffer} 90, max gap 2.0 s, min length 3, on a 29.97 fps episode sampled every 6th frame (4.995
 * processed frames per second). The gap limit is then the binding one: floor(2.0 * 4.995) = 9 processed frames,
 * so {@code maxTimeLost} = 7 (ByteTrack's own would be int(4.995 / 30 * 90) = 14) and a face may miss at most 8
 * samples (1.6 s) and keep its id. Constructed sequences, exact ids.
 */
class ServiceDefaultsTrackingTest {

  private static final double FPS = 29.97;
  private static final int STRIDE = 6;

  private final EpisodeTracker tracker = new EpisodeTracker("ep",
      new EpisodeTrackerConfig(0.70, 0.80, 90, FPS, STRIDE, 2.0, 3));
  private final List<EpisodeStep> steps = new ArrayList<>();

  /** A 90 x 110 px face with its top-left corner at (x, y). */
  private static ScoredBox face(int index, double x, double y, double score) {
    return ScoredBox.of(index, x, y, x + 90, y + 110, score);
  }

  /** Feeds processed frame {@code n} (source frame 6n). */
  private EpisodeStep feed(int n, boolean cut, ScoredBox... dets) {
    EpisodeStep step = tracker.onFrame((long) n * STRIDE, n * STRIDE / FPS, List.of(dets), cut);
    steps.add(step);
    return step;
  }

  private static List<Integer> ids(EpisodeStep step) {
    return step.tracks().stream().map(TrackedBox::trackId).toList();
  }

  @Test
  void shouldDeriveTheLostLimitFromTheTwoSecondGap() {
    assertThat(tracker.config().maxGapFrames()).isEqualTo(9);
    assertThat(tracker.trackerConfig().maxTimeLost()).isEqualTo(7);
    assertThat(tracker.trackerConfig().detThresh()).isEqualTo(0.7 + 0.1);
  }

  @Test
  void shouldKeepBothIdsWhenTwoFacesCrossAtStride6() {
    // Given two faces moving 20 px per sample towards each other on nearly the same row, crossing at sample 12
    for (int n = 0; n < 25; n++) {
      ScoredBox a = face(0, 100 + 20 * n, 200, 0.92);
      ScoredBox b = face(1, 580 - 20 * n, 210, 0.88);
      EpisodeStep step = feed(n, false, n % 2 == 0 ? new ScoredBox[] {a, b} : new ScoredBox[] {b, a});
      // Then both ids come out on every sample
      assertThat(ids(step)).containsExactlyInAnyOrder(1, 2);
    }
    // and id 1 (face a, from the left) ends on the right, matched to a's own detections
    TrackedBox one = steps.get(24).tracks().stream().filter(t -> t.trackId() == 1).findFirst().orElseThrow();
    assertThat(one.detection().box().x1()).isEqualTo(100 + 20 * 24);
    assertThat(tracker.finish().closed()).extracting(ClosedTrack::getTrackId).containsExactly(1, 2);
  }

  @Test
  void shouldKeepTheIdThrough8MissingSamplesAndStartANewOneAfter9() {
    // Given face A missing on samples 5-12 (8 samples, back 1.8 s after its last match) and face B on 5-13 (9)
    for (int n = 0; n < 25; n++) {
      List<ScoredBox> dets = new ArrayList<>();
      if (n < 5 || n > 12) {
        dets.add(face(dets.size(), 100, 100, 0.9));
      }
      if (n < 5 || n > 13) {
        dets.add(face(dets.size(), 500, 100, 0.9));
      }
      feed(n, false, dets.toArray(ScoredBox[]::new));
    }
    // Then A is re-found as id 1 on sample 13
    assertThat(ids(steps.get(13))).containsExactly(1);
    // and B's first track closes as lost while B is away; B comes back unconfirmed on 14 and is output as 3 on 15
    assertThat(steps.stream().flatMap(s -> s.closed().stream()).toList()).singleElement().satisfies(c -> {
      assertThat(c.getTrackId()).isEqualTo(2);
      assertThat(c.getEndReason()).isEqualTo("lost");
      assertThat(c.getLastFrameIdx()).isEqualTo(4L * STRIDE);
    });
    assertThat(ids(steps.get(14))).containsExactly(1);
    assertThat(ids(steps.get(15))).containsExactly(1, 3);
    EpisodeStep end = tracker.finish();
    assertThat(end.closed()).extracting(ClosedTrack::getTrackId).containsExactly(1, 3);
    assertThat(end.closed().get(0).getSamples()).hasSize(5 + 12);
  }

  @Test
  void shouldRecoverALowScoreFaceAndNeverStartTracksBelowDetThresh() {
    // Given face A at 0.9 dropping to 0.5 (low: 0.1 < s < 0.70) on samples 4-6, and face C always at 0.75
    for (int n = 0; n < 10; n++) {
      double score = n >= 4 && n <= 6 ? 0.5 : 0.9;
      EpisodeStep step = feed(n, false, face(0, 100 + 10 * n, 100, score), face(1, 600, 300, 0.75));
      // Then A stays id 1 on every sample, matched to its low-score box by the second association
      assertThat(ids(step)).containsExactly(1);
      assertThat(step.tracks().get(0).score()).isEqualTo(score);
    }
    // and C (high, but below det_thresh 0.80) never becomes a track nor uses an id
    assertThat(tracker.trackIdsAllocated()).isEqualTo(1);
  }

  @Test
  void shouldCloseAtACutStartNewIdsAtOnceAndDropShortTracks() {
    // Given two faces on samples 0-5, a cut at 6 with A at the same place, and a face seen on samples 8-9 only
    for (int n = 0; n < 6; n++) {
      feed(n, false, face(0, 100, 100, 0.9), face(1, 400, 100, 0.9));
    }
    EpisodeStep cut = feed(6, true, face(0, 100, 100, 0.9));
    feed(7, false, face(0, 100, 100, 0.9));
    feed(8, false, face(0, 100, 100, 0.9), face(1, 700, 300, 0.95));
    feed(9, false, face(0, 100, 100, 0.9), face(1, 700, 300, 0.95));
    EpisodeStep end = tracker.finish();

    // Then the cut closes 1 and 2 and A restarts as 3, output on the cut sample itself
    assertThat(cut.closed()).extracting(ClosedTrack::getTrackId).containsExactly(1, 2);
    assertThat(cut.closed()).extracting(ClosedTrack::getEndReason).containsOnly("scene_cut");
    assertThat(ids(cut)).containsExactly(3);
    // and the late face (id 4, output on sample 9 only) is too short: dropped, not closed
    assertThat(ids(steps.get(9))).containsExactly(3, 4);
    assertThat(end.closed()).extracting(ClosedTrack::getTrackId).containsExactly(3);
    assertThat(end.dropped()).containsExactly(new DroppedTrack(4, List.of(9L * STRIDE), EndReason.EPISODE_END));
  }
}
