package io.screenalytics.identities.screentime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

  @Test
  void shouldJoinConsecutiveSampledFramesAndSplitAtGaps() {
    // stride 6 at 30 fps: 0.2 s per sampled frame; frame 18 missing (a gap inside a track)
    List<Timeline.Frame> frames = List.of(new Timeline.Frame(0, 0.0), new Timeline.Frame(6, 0.2),
        new Timeline.Frame(12, 0.4), new Timeline.Frame(24, 0.8), new Timeline.Frame(30, 1.0));
    List<Timeline.Segment> segments = Timeline.segments(frames, 6, 0.2);
    assertThat(segments).containsExactly(new Timeline.Segment(0.0, 0.4 + 0.2),
        new Timeline.Segment(0.8, 1.2));
    // the intervals add up to the screen time: 5 frames x 0.2 s
    assertThat(segments.stream().mapToDouble(s -> s.end() - s.start()).sum()).isCloseTo(1.0,
        org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void shouldGiveNothingForNoFramesAndOneIntervalForOne() {
    assertThat(Timeline.segments(List.of(), 6, 0.2)).isEmpty();
    assertThat(Timeline.segments(List.of(new Timeline.Frame(60, 2.0)), 6, 0.2))
        .containsExactly(new Timeline.Segment(2.0, 2.2));
  }
}
