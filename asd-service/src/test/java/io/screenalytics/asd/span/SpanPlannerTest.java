package io.screenalytics.asd.span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
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

  /** A unit vector at cosine {@code cos} to {@code (1, 0, 0, ...)}: a voice's window embedding, float[256]. */
  private static float[] voice(double cos) {
    float[] v = new float[256];
    v[0] = (float) cos;
    v[1] = (float) Math.sqrt(1 - cos * cos);
    return v;
  }

  /** The voice stage's windows over {@code [from, to)}: 1.6 s every 0.4 s. */
  private static List<SpeechWindow> windows(double from, double to) {
    List<SpeechWindow> w = new ArrayList<>();
    for (double t = from; t + 1.6 <= to + 1e-9; t += 0.4) w.add(new SpeechWindow(w.size(), t, t + 1.6, 0, t, t + 0.4));
    return w;
  }

  /** Speaker A on screen 0-6 s, a cut to B alone 6.24-9.84 s, back to A 10.08-15.84 s; speech 1-15 s. */
  private static final List<TrackPath> REACTION_SHOT = List.of(track(1, 0, 6.0), track(2, 6.24, 9.84),
      track(3, 10.08, 15.84));
  private static final List<SpeechRegion> SPEECH = List.of(new SpeechRegion(1, 15));

  /**
   * The windows' embeddings: at cosine {@code cos} to {@code (1, 0, ...)} for windows centred in B's shot, that
   * vector for the others (A's shots).
   */
  private static List<float[]> embeddings(List<SpeechWindow> windows, double cos) {
    return windows.stream().map(w -> voice(w.centre() >= 6.12 && w.centre() < 9.96 ? cos : 1)).toList();
  }

  @Test void shouldScoreBothSidesOfAChangeOfFaceWhenTheVoiceGoesOnTheSame() {
    // Given a cut from A to B and back while the speech goes on, the windows on either side of each change at cosine
    // 0.78 (the same speaker: distance 0.22, as measured across a real reaction shot, <= 0.30)
    List<SpeechWindow> windows = windows(1, 15);

    // When the spans are planned
    List<ContestedSpan> spans = PLANNER.plan(REACTION_SHOT, SPEECH, windows, embeddings(windows, 0.78));

    // Then each side of each change is scored with its one face, up to 4 s from the change, within the speech
    assertThat(spans).hasSize(3);
    assertThat(spans).extracting(ContestedSpan::trackIds).containsExactly(List.of(1), List.of(2), List.of(3));
    assertThat(spans).extracting(ContestedSpan::index).containsExactly(0, 1, 2);
    assertThat(spans.get(0).startS()).isCloseTo(2.0, within(1e-6)); // 4 s before the cut
    assertThat(spans.get(0).endS()).isCloseTo(6.0, within(1e-6));
    assertThat(spans.get(1).startS()).isCloseTo(6.24, within(1e-6)); // B's whole shot: in doubt from both sides
    assertThat(spans.get(1).endS()).isCloseTo(9.84, within(1e-6));
    assertThat(spans.get(2).startS()).isCloseTo(10.08, within(1e-6));
    assertThat(spans.get(2).endS()).isCloseTo(14.08, within(1e-6));
    // and with the rule off, nothing
    assertThat(new SpanPlanner(0.5, 0.5, 0).plan(REACTION_SHOT, SPEECH, windows, embeddings(windows, 0.78))).isEmpty();
  }

  @Test void shouldLeaveAChangeOfFaceAloneWhenTheVoiceChangesWithIt() {
    // Given the same cuts, but the voice during B's shot at cosine 0.61 to A's (different speakers: distance 0.39, the
    // closest two different people of the composed bench episode came, > 0.30): each speaks on screen, as in a
    // composed episode of talking heads
    List<SpeechWindow> windows = windows(1, 15);

    // When the spans are planned, Then there is none: the face on screen is the voice's
    assertThat(PLANNER.plan(REACTION_SHOT, SPEECH, windows, embeddings(windows, 0.61))).isEmpty();
    // nor without voice windows on a side (a side under one window of speech is not judged)
    assertThat(PLANNER.plan(REACTION_SHOT, SPEECH, List.of(), List.of())).isEmpty();
  }

  @Test void shouldLeaveOneFaceThroughoutAloneWhateverTheVoices() {
    List<SpeechWindow> windows = windows(1, 15);
    assertThat(PLANNER.plan(List.of(track(1, 0, 15.84)), SPEECH, windows, embeddings(windows, 0.78))).isEmpty();
    // a change of face in a pause of the speech (no speech across it) is no doubt either
    List<SpeechRegion> pause = List.of(new SpeechRegion(1, 5), new SpeechRegion(7.5, 15));
    assertThat(PLANNER.plan(List.of(track(1, 0, 6.0), track(2, 6.24, 15.84)), pause, windows, embeddings(windows, 1)))
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
