package io.screenalytics.asd.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.voice.speech.SpeechRegion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanPlannerTest {

  private static final SpanPlanner PLANNER = SpanPlanner.DEFAULT;

  /** A track sampled every 6 frames at 25 fps (0.24 s) from {@code from} to {@code to} seconds. */
  private static TrackPath track(int id, double from, double to) {
    List<TrackPath.Sample> s = new ArrayList<>();
    for (double t = from; t <= to + 1e-9; t += 0.24) s.add(new TrackPath.Sample(t, new float[] {10, 10, 60, 70}));
    return new TrackPath(id, s);
  }

  @Test void shouldScoreSpeechWhereTwoTracksAreOnScreenPaddedByHalfASecond() {
    // Given two faces on screen from 0 to 9.6 s and speech from 2 to 4 s
    List<TrackPath> tracks = List.of(track(1, 0, 9.6), track(2, 0, 9.6));

    // When the spans are planned
    List<ContestedSpan> spans = PLANNER.plan(tracks, List.of(new SpeechRegion(2, 4)));

    // Then the speech, padded by 0.5 s, is one span with both tracks
    assertThat(spans).singleElement().satisfies(s -> {
      assertThat(s.startS()).isCloseTo(1.5, within(1e-9));
      assertThat(s.endS()).isCloseTo(4.5, within(1e-9));
      assertThat(s.trackIds()).containsExactly(1, 2);
      assertThat(s.frames(25)).isEqualTo(75);
    });
  }

  @Test void shouldLeaveSingleFaceFootageAlone() {
    assertThat(PLANNER.plan(List.of(track(1, 0, 9.6)), List.of(new SpeechRegion(0, 9)))).isEmpty();
    // two faces, but never at the same time
    assertThat(PLANNER.plan(List.of(track(1, 0, 4.8), track(2, 5.04, 9.6)), List.of(new SpeechRegion(0, 9))))
        .isEmpty();
    // two faces, no speech
    assertThat(PLANNER.plan(List.of(track(1, 0, 9.6), track(2, 0, 9.6)), List.of())).isEmpty();
  }

  @Test void shouldCutSpansWhereTheSetOfFacesChangesAtAChunkEdgeOrACut() {
    // Given a face on screen throughout, and the other tracked as two tracks split at a chunk edge (4.8 s; the next
    // chunk's tracker starts again at its first sampled frame, 5.04 s), and speech over all of it
    List<TrackPath> tracks = List.of(track(1, 0, 9.6), track(2, 0, 4.8), track(3, 5.04, 9.6));

    // When the spans are planned
    List<ContestedSpan> spans = PLANNER.plan(tracks, List.of(new SpeechRegion(1, 9)));

    // Then each side of the edge is a span of its own, with the tracks on screen there, indexed in time order
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).trackIds()).containsExactly(1, 2);
    assertThat(spans.get(0).startS()).isCloseTo(0.5, within(1e-9));
    assertThat(spans.get(0).endS()).isCloseTo(4.8, within(1e-6));
    assertThat(spans.get(1).trackIds()).containsExactly(1, 3);
    assertThat(spans.get(1).startS()).isCloseTo(5.04, within(1e-6));
    assertThat(spans.get(1).endS()).isCloseTo(9.5, within(1e-6));
    assertThat(spans).extracting(ContestedSpan::index).containsExactly(0, 1);
  }

  @Test void shouldMergeSpeechCloserThanThePaddingAndDropSlivers() {
    List<TrackPath> tracks = List.of(track(1, 0, 9.6), track(2, 0, 9.6));
    // 2-3 s and 3.8-5 s: padded, they touch (3.5 / 3.3), so one span 1.5-5.5
    assertThat(PLANNER.plan(tracks, List.of(new SpeechRegion(2, 3), new SpeechRegion(3.8, 5))))
        .singleElement().satisfies(s -> assertThat(s.seconds()).isCloseTo(4.0, within(1e-9)));
    // the second face arrives 0.2 s before the padded speech ends: too short a span to score
    assertThat(PLANNER.plan(List.of(track(1, 0, 9.6), track(2, 4.32, 9.6)), List.of(new SpeechRegion(1, 4.02))))
        .isEmpty();
  }

  @Test void shouldInterpolateBoxesBetweenSamples() {
    TrackPath t = new TrackPath(7, List.of(new TrackPath.Sample(1.0, new float[] {0, 0, 10, 20}),
        new TrackPath.Sample(1.24, new float[] {12, 0, 22, 20})));
    assertThat(t.boxAt(1.12).x()).isCloseTo(6f, within(1e-4f));
    assertThat(t.boxAt(0.5).x()).isZero();
    assertThat(t.boxAt(2.0).x()).isEqualTo(12f);
    assertThat(t.boxAt(1.12).w()).isCloseTo(10f, within(1e-4f));
  }
}
