package io.screenalytics.identities.screentime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.EpisodeIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenTimeCalculatorTest {

  // stride 6 at 30 fps: every sampled frame stands for 0.2 s
  private final SyntheticEpisode episode = new SyntheticEpisode("ep", 30, 6, 100, 1)
      .track(1, "a", 0, 10)           // sampled 0..9: frames 0..54
      .track(2, "a", 5, 10)           // sampled 5..14: overlaps track 1 on 5..9
      .track(3, "b", 20, 21, 30);     // a gap of 8 sampled frames inside the track

  private ScreenTime compute(List<Integer> tracks) {
    EpisodeIndex index = EpisodeIndex.of(episode.faces(), episode.tracks());
    return new ScreenTimeCalculator(episode.info(), index).compute("x", "X", tracks);
  }

  @Test
  void shouldCountEachSampledFrameOnceAtStrideOverFps() {
    // When two overlapping tracks form one identity
    ScreenTime time = compute(List.of(1, 2));
    // Then sampled frames 0..14 count once each: 15 * 0.2 s
    assertThat(time.frames()).isEqualTo(15);
    assertThat(time.visibleSeconds()).isCloseTo(3.0, within(1e-12));
    assertThat(time.share()).isCloseTo(0.03, within(1e-12));
    assertThat(time.firstTs()).isEqualTo(0.0);
    assertThat(time.lastTs()).isCloseTo(14 * 0.2, within(1e-12));
    // with the frame_idx of the first and last counted frames beside the times (sampled 0 and 14 at stride 6)
    assertThat(time.firstFrameIdx()).isZero();
    assertThat(time.lastFrameIdx()).isEqualTo(14 * 6);
    assertThat(time.tracks()).isEqualTo(2);
    assertThat(time.faces()).isEqualTo(20);
  }

  @Test
  void shouldNotCountGapsInsideATrack() {
    ScreenTime time = compute(List.of(3));
    assertThat(time.frames()).isEqualTo(3);
    assertThat(time.visibleSeconds()).isCloseTo(0.6, within(1e-12));
    assertThat(time.firstTs()).isCloseTo(4.0, within(1e-12));
    assertThat(time.lastTs()).isCloseTo(6.0, within(1e-12));
  }

  @Test
  void shouldReportNothingForNoTracks() {
    ScreenTime time = compute(List.of());
    assertThat(time.visibleSeconds()).isZero();
    assertThat(time.firstTs()).isNaN();
    assertThat(time.firstFrameIdx()).isEqualTo(-1);
  }

  @Test
  void shouldCountTheLastSampledFrameOnlyUpToTheEpisodesEndSoAShortClipStaysAtOrUnder100Percent() {
    // Given a 2 s clip at 25 fps, stride 6 (0.24 s per sampled frame), a face in every sampled frame: frames
    // 0, 6, ..., 48, the last at 1.92 s; a whole stride would reach 2.16 s, 108 % of the clip
    SyntheticEpisode clip = new SyntheticEpisode("clip", 25, 6, 2.0, 1).track(1, "a", 0, 9);
    EpisodeIndex index = EpisodeIndex.of(clip.faces(), clip.tracks());
    // When its screen time is computed
    ScreenTime time = new ScreenTimeCalculator(clip.info(), index).compute("a", "A", List.of(1));
    // Then the last frame counts 2.0 - 1.92 = 0.08 s: the whole clip, 100 %, not more
    assertThat(time.frames()).isEqualTo(9);
    assertThat(time.visibleSeconds()).isCloseTo(8 * 0.24 + 0.08, within(1e-9));
    assertThat(time.share()).isCloseTo(1.0, within(1e-9)).isLessThanOrEqualTo(1.0 + 1e-12);
    assertThat(time.lastTs()).isCloseTo(1.92, within(1e-9));
    // and the report's and the voices' intervals end there too
    List<Timeline.Frame> frames = new java.util.ArrayList<>();
    for (long f : index.framesOf(1)) frames.add(new Timeline.Frame(f, index.tsOf(f)));
    assertThat(Timeline.segments(frames, clip.info())).containsExactly(new Timeline.Segment(0.0, 2.0));
  }

  @Test
  void shouldNotCutFramesWhenTheDurationIsUnknown() {
    SyntheticEpisode clip = new SyntheticEpisode("clip", 25, 6, 0.0, 1).track(1, "a", 0, 9);
    EpisodeIndex index = EpisodeIndex.of(clip.faces(), clip.tracks());
    ScreenTime time = new ScreenTimeCalculator(clip.info(), index).compute("a", "A", List.of(1));
    assertThat(time.visibleSeconds()).isCloseTo(9 * 0.24, within(1e-9));
    assertThat(time.share()).isZero();
  }
}
