package io.screenalytics.detecttrack.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.TrackSample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeTrackerTest {

  private static ScoredBox face(int index, double x, double y, double score) {
    return ScoredBox.of(index, x, y, x + 60, y + 120, score);
  }

  @Test
  void shouldCloseEverythingAtASceneCutAndKeepCountingIds() {
    // Given two faces on frames 0-9, then a cut at frame 10 with two faces, one at the same place
    EpisodeTracker tracker = new EpisodeTracker("ep", EpisodeTrackerConfig.defaults(30.0, 1));
    for (int f = 0; f < 10; f++) {
      List<ScoredBox> dets = List.of(face(0, 100 + f, 100, 0.9), face(1, 400, 100, 0.8));
      EpisodeStep step = tracker.onFrame(f, f / 30.0, dets, false);
      assertThat(step.tracks()).extracting(TrackedBox::trackId).containsExactly(1, 2);
      assertThat(step.closed()).isEmpty();
    }

    // When the cut frame arrives
    List<ScoredBox> afterCut = List.of(face(0, 109, 100, 0.9), face(1, 700, 300, 0.7));
    EpisodeStep cut = tracker.onFrame(10, 10 / 30.0, afterCut, true);

    // Then both tracks are closed with their 10 samples, and the new faces get ids 3 and 4 at once
    assertThat(cut.closed()).extracting(ClosedTrack::getTrackId).containsExactly(1, 2);
    assertThat(cut.closed()).allSatisfy(c -> {
      assertThat(c.getEndReason()).isEqualTo("scene_cut");
      assertThat(c.getSamples()).hasSize(10);
      assertThat(c.getFirstFrameIdx()).isZero();
      assertThat(c.getLastFrameIdx()).isEqualTo(9);
      assertThat(c.getLastTs()).isCloseTo(9 / 30.0, within(1e-12));
    });
    ClosedTrack first = cut.closed().get(0);
    assertThat(first.getMeanDetScore()).isCloseTo(0.9f, within(1e-6f));
    assertThat(first.getSamples().get(5).getBboxXyxy()).isEqualTo(face(0, 105, 100, 0.9).box().xyxy()); // detection, not Kalman
    assertThat(cut.closed().get(1).getMeanDetScore()).isCloseTo(0.8f, within(1e-6f));
    assertThat(cut.tracks()).extracting(TrackedBox::trackId).containsExactly(3, 4);
    assertThat(tracker.resets()).isEqualTo(1);

    // And a face seen only on frames 12-13 is dropped at the end, the others closed as episode end
    for (int f = 11; f < 15; f++) {
      List<ScoredBox> dets = new ArrayList<>(List.of(face(0, 109, 100, 0.9), face(1, 700, 300, 0.7)));
      if (f == 12 || f == 13) {
        dets.add(face(2, 1000, 500, 0.95));
      }
      EpisodeStep step = tracker.onFrame(f, f / 30.0, dets, false);
      assertThat(step.tracks()).extracting(TrackedBox::trackId).startsWith(3, 4);
    }
    EpisodeStep end = tracker.finish();
    assertThat(end.closed()).extracting(ClosedTrack::getTrackId).containsExactly(3, 4);
    assertThat(end.closed()).allSatisfy(c -> {
      assertThat(c.getEndReason()).isEqualTo("episode_end");
      assertThat(c.getSamples()).extracting(TrackSample::getFrameIdx).containsExactly(10L, 11L, 12L, 13L, 14L);
    });
    assertThat(end.dropped()).containsExactly(new DroppedTrack(5, List.of(13L), EndReason.EPISODE_END));
    assertThat(tracker.trackIdsAllocated()).isEqualTo(5);
  }

  @Test
  void shouldApplyTheGapLimitInSeconds() {
    // Given 10 fps, every frame, a 1.0 s gap limit: 10 frames, so maxTimeLost = 8 (< ByteTrack's 10)
    EpisodeTrackerConfig config = new EpisodeTrackerConfig(0.5, 0.8, 30, 10.0, 1, 1.0, 3);
    EpisodeTracker tracker = new EpisodeTracker("ep", config);
    assertThat(tracker.trackerConfig().maxTimeLost()).isEqualTo(8);

    // When face Y comes back 1.0 s after its last match (frame 9 -> 19) and face Z 1.1 s after (9 -> 20)
    List<EpisodeStep> steps = new ArrayList<>();
    for (int f = 0; f <= 22; f++) {
      List<ScoredBox> dets = new ArrayList<>();
      if (f <= 9 || f >= 19) {
        dets.add(face(0, 100, 100, 0.9));
      }
      if (f <= 9 || f >= 20) {
        dets.add(face(1, 400, 100, 0.9));
      }
      steps.add(tracker.onFrame(f, f / 10.0, dets, false));
    }
    EpisodeStep end = tracker.finish();

    // Then Y keeps id 1, Z's first track closes as lost when it leaves the tracker, and Z restarts as id 3
    assertThat(steps.get(19).tracks()).extracting(TrackedBox::trackId).containsExactly(1);
    assertThat(steps.get(19).closed()).singleElement().satisfies(c -> {
      assertThat(c.getTrackId()).isEqualTo(2);
      assertThat(c.getEndReason()).isEqualTo("lost");
      assertThat(c.getLastFrameIdx()).isEqualTo(9);
    });
    assertThat(steps.get(21).tracks()).extracting(TrackedBox::trackId).containsExactly(1, 3);
    assertThat(end.closed()).singleElement().satisfies(c -> {
      assertThat(c.getTrackId()).isEqualTo(1);
      assertThat(c.getSamples()).hasSize(14);
    });
    assertThat(end.dropped()).containsExactly(new DroppedTrack(3, List.of(21L, 22L), EndReason.EPISODE_END));
  }

  @Test
  void shouldTakeTheShorterOfBufferAndGap() {
    // 10 processed fps: buffer 10 frames, gap 2 s = 20 frames -> 18
    assertThat(maxTimeLost(30.0, 3, 2.0)).isEqualTo(10);
    // gap 0.5 s = 15 frames -> 13, buffer 30
    assertThat(maxTimeLost(30.0, 1, 0.5)).isEqualTo(13);
    // buffer int(29.97) = 29, gap 59 frames -> 57
    assertThat(maxTimeLost(29.97, 1, 2.0)).isEqualTo(29);
    // a gap under 2 frames clamps to 0
    assertThat(maxTimeLost(10.0, 1, 0.1)).isZero();
    EpisodeTrackerConfig unlimited =
        new EpisodeTrackerConfig(0.5, 0.8, 30, 25.0, 1, Double.POSITIVE_INFINITY, 3);
    assertThat(unlimited.byteTrackConfig()).isEqualTo(ByteTrackConfig.reference(0.5, 0.8, 30, 25.0));
  }

  private static int maxTimeLost(double fps, int stride, double maxGapSeconds) {
    return new EpisodeTrackerConfig(0.5, 0.8, 30, fps, stride, maxGapSeconds, 3)
        .byteTrackConfig()
        .maxTimeLost();
  }

  @Test
  void shouldRejectBadInput() {
    EpisodeTracker tracker = new EpisodeTracker("ep", EpisodeTrackerConfig.defaults(25.0, 1));
    tracker.onFrame(5, 0.2, List.of(), false);
    assertThatThrownBy(() -> tracker.onFrame(5, 0.2, List.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tracker.onFrame(6, Double.NaN, List.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tracker.finish().closed()).isEmpty();
    assertThat(tracker.finish().closed()).isEmpty();
    assertThatThrownBy(() -> tracker.onFrame(7, 0.3, List.of(), false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldReportEveryConfigProblemAtOnce() {
    assertThatThrownBy(() -> new EpisodeTrackerConfig(1.5, 0.8, 30, -1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("fps", "stride", "maxGapSeconds", "minTrackLength", "trackThresh");
  }
}
