package io.screenalytics.voice.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.voice.rttm.SpeakerTurn;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Linking voices to the face seen speaking, on synthetic windows and logits (exact answers). */
class AsdLinkTest {

  private static final double FPS = 25;

  @Test void shouldGiveEachTurnToTheFaceSeenSpeakingWhenTwoFacesShareTheScreen() {
    // Given two voices taking turns of 8 s while faces a and b are both on screen, a seen speaking in the first turn
    List<SpeechWindow> w = windows(16);
    List<float[]> e = new ArrayList<>();
    for (SpeechWindow x : w) e.add(x.centre() < 8 ? unit(0) : unit(1));
    List<FacePresence> faces = bothOnScreen(16);
    List<FaceLogits> asd = List.of(logits("a", 1, 0, 16, t -> t < 8 ? 2 : -2),
        logits("b", 2, 0, 16, t -> t < 8 ? -2 : 2));

    // When assembled with the logits
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, e, faces, asd, null, VoiceSettings.DEFAULT);

    // Then each turn is on its own face, and the change of face is where the logits cross
    assertThat(r.speakers()).extracting(Speaking::speaker).containsExactly("a", "b");
    assertThat(seconds(r, "a", 0, 8)).isCloseTo(8 - w.get(0).ownFrom(), within(1e-6));
    assertThat(seconds(r, "b", 8, 16)).isCloseTo(w.get(w.size() - 1).ownTo() - 8, within(1e-6));
    assertThat(r.speakers()).allSatisfy(s -> assertThat(s.seenSpeakingS()).isCloseTo(s.speakingS(), within(1e-6)));

    // And without them presence cannot tell the faces apart (both on screen): every turn lands on the same face
    VoiceAssemblyResult none = VoiceAssembly.assemble("ep", w, e, faces, null, VoiceSettings.DEFAULT);
    assertThat(none.speakers()).extracting(Speaking::speaker).containsExactly("a");
  }

  @Test void shouldGiveSpeechToBothFacesWhenBothSpeakWithinTheMargin() {
    // Given one voice over 10 s, faces a and b on screen, both >= 0 within the margin during 4-6 s
    List<SpeechWindow> w = windows(10);
    List<FacePresence> faces = bothOnScreen(10);
    List<FaceLogits> asd = List.of(logits("a", 1, 0, 10, t -> 2),
        logits("b", 2, 0, 10, t -> t >= 4 && t < 6 ? 1.7 : t >= 6 && t < 8 ? 0.5 : -2));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), faces, asd, null, VoiceSettings.DEFAULT);

    // Then b's turn 4-6 s overlaps a's speech (RTTM overlap); at 6-8 s b is >= 0 but 1.5 below a (margin 0.5): a alone
    List<SpeakerTurn> b = r.turns().stream().filter(t -> t.speaker().equals("b")).toList();
    assertThat(b).hasSize(1);
    assertThat(b.get(0).start()).isCloseTo(4, within(1e-6));
    assertThat(b.get(0).end()).isCloseTo(6, within(1e-6));
    assertThat(seconds(r, "a", 4, 6)).isCloseTo(2, within(1e-6));
    assertThat(seconds(r, "a", 6, 8)).isCloseTo(2, within(1e-6));
    assertThat(r.rttm().lines().filter(l -> l.contains(" b "))).hasSize(1);
  }

  @Test void shouldLeaveTheVoiceAVoiceWhenNoFaceOnScreenSpeaks() {
    // Given an off-screen voice over 20 s while a listener is on screen; only 0-10 s scored, the listener silent
    List<SpeechWindow> w = windows(20);
    List<FacePresence> faces = List.of(new FacePresence("listener", "Lis Tener", List.<double[]>of(new double[] {0, 20})));
    List<FaceLogits> asd = List.of(logits("listener", 7, 0, 10, t -> -1.5));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), faces, asd, null, VoiceSettings.DEFAULT);

    // Then the voice stays voice_01 everywhere, scored or not (the cluster follows what was seen), never the listener
    assertThat(r.speakers()).extracting(Speaking::speaker).containsExactly("voice_01");
    assertThat(r.speakers().get(0).faceIdentity()).isNull();
    assertThat(r.segmentsJsonl()).contains("\"asd\":[{\"face\":\"listener\",\"track\":7,\"mean_logit\":-1.500,"
        + "\"speaking\":false}]");
    // And by presence alone (no logits) the listener would have taken it
    assertThat(VoiceAssembly.assemble("ep", w, same(w), faces, null, VoiceSettings.DEFAULT).speakers())
        .extracting(Speaking::speaker).containsExactly("listener");
  }

  @Test void shouldKeepASpeakersDipUnderZeroOnTheirFaceWhenTheyStillRankFirst() {
    // Given voice x (a's, a seen speaking) over 12 s with a and b on screen; during 4-5 s a's logit dips to -0.5
    // (b at -2: a still ranks first), during 8-9 s to -2.5 (b at -1: b, the listener, ranks first)
    List<SpeechWindow> w = windows(12);
    List<FaceLogits> asd = List.of(
        logits("a", 1, 0, 12, t -> t >= 4 && t < 5 ? -0.5 : t >= 8 && t < 9 ? -2.5 : 2),
        logits("b", 2, 0, 12, t -> t >= 8 && t < 9 ? -1 : -2));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), bothOnScreen(12), asd, null,
        VoiceSettings.DEFAULT);

    // Then the dip a still leads stays a's speech; where the listener ranks first it is neither face's: a voice
    assertThat(seconds(r, "a", 4, 5)).isCloseTo(1, within(1e-6));
    assertThat(seconds(r, "a", 8, 9)).isCloseTo(0, within(1e-6));
    assertThat(seconds(r, "b", 0, 12)).isCloseTo(0, within(1e-6));
    assertThat(r.turns().stream().filter(t -> t.speaker().startsWith("voice_"))
        .mapToDouble(t -> Math.max(0, Math.min(9, t.end()) - Math.max(8, t.start()))).sum()).isCloseTo(1, within(1e-6));
  }

  @Test void shouldKeepTheLinkByPresenceWhereOnlySilentListenersWereScored() {
    // Given one voice over 20 s: c alone on screen for 0-12 s (not scored), then a and b, both scored silent
    List<SpeechWindow> w = windows(20);
    List<FacePresence> faces = List.of(new FacePresence("c", null, List.<double[]>of(new double[] {0, 12})),
        new FacePresence("a", null, List.<double[]>of(new double[] {12, 20})),
        new FacePresence("b", null, List.<double[]>of(new double[] {12, 20})));
    List<FaceLogits> asd = List.of(logits("a", 1, 12, 20, t -> -1), logits("b", 2, 12, 20, t -> -2));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), faces, asd, null, VoiceSettings.DEFAULT);

    // Then c keeps the speech of its own stretch (to within the window at the change of shot, 0.4 s of own span),
    // and the scored stretch is a voice, neither listener's
    assertThat(seconds(r, "c", 0, 12)).isCloseTo(12 - w.get(0).ownFrom(), within(0.4));
    assertThat(seconds(r, "c", 12, 20) + seconds(r, "a", 0, 20) + seconds(r, "b", 0, 20)).isCloseTo(0, within(1e-6));
  }

  @Test void shouldSplitMergedVoicesWhereTheSpeakingFaceChanges() {
    // Given one voice cluster (identical embeddings) over 16 s, a seen speaking until 6.32 s, then b
    List<SpeechWindow> w = windows(16);
    List<FaceLogits> asd = List.of(logits("a", 1, 0, 16, t -> t < 6.32 ? 3 : -1),
        logits("b", 2, 0, 16, t -> t < 6.32 ? -1 : 3));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), bothOnScreen(16), asd, null,
        VoiceSettings.DEFAULT);

    // Then the turn changes face at 6.32 s, inside a window, and that window's segment is cut in two with evidence
    assertThat(r.turns()).extracting(SpeakerTurn::speaker).containsExactly("a", "b");
    assertThat(r.turns().get(0).end()).isCloseTo(6.32, within(1e-6));
    assertThat(r.segmentsJsonl().lines().filter(l -> l.contains("\"end_s\":6.320")).findFirst().orElseThrow())
        .contains("\"speaker\":\"a\"", "{\"face\":\"a\",\"track\":1,\"mean_logit\":3.000,\"speaking\":true}",
            "{\"face\":\"b\",\"track\":2,\"mean_logit\":-1.000,\"speaking\":false}");
    assertThat(r.segmentsJsonl().lines().filter(l -> l.contains("\"start_s\":6.320"))).hasSize(1);
  }

  @Test void shouldKeepTheLinkByPresenceOutsideScoredSpans() {
    // Given voice x with only face a on screen for 0-10 s (not scored), then a and b on screen, a seen speaking
    List<SpeechWindow> w = windows(20);
    List<FacePresence> faces = List.of(new FacePresence("a", null, List.<double[]>of(new double[] {0, 20})),
        new FacePresence("b", null, List.<double[]>of(new double[] {10, 20})));
    List<FaceLogits> asd = List.of(logits("a", 1, 10, 20, t -> 1), logits("b", 2, 10, 20, t -> -1));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), faces, asd, null, VoiceSettings.DEFAULT);

    // Then all of it is a's, the unscored half by presence, the scored half seen speaking
    assertThat(r.speakers()).extracting(Speaking::speaker).containsExactly("a");
    assertThat(r.speakers().get(0).seenSpeakingS()).isCloseTo(w.get(w.size() - 1).ownTo() - 10, within(1e-6));
  }

  @Test void shouldBeExactlyAsWithoutLogitsWhenNoSpeechIsScored() {
    // Given two voices and faces, and logits over a span without speech (after the last window)
    List<SpeechWindow> w = windows(12);
    List<float[]> e = new ArrayList<>();
    for (SpeechWindow x : w) e.add(x.centre() < 6 ? unit(0) : unit(1));
    List<FacePresence> faces = List.of(new FacePresence("a", null, List.<double[]>of(new double[] {0, 6})),
        new FacePresence("b", null, List.<double[]>of(new double[] {6, 30})));
    List<FaceLogits> asd = List.of(logits("b", 1, 20, 30, t -> 5));

    // When assembled with and without those logits
    VoiceAssemblyResult with = VoiceAssembly.assemble("ep", w, e, faces, asd, null, VoiceSettings.DEFAULT);
    VoiceAssemblyResult without = VoiceAssembly.assemble("ep", w, e, faces, null, VoiceSettings.DEFAULT);

    // Then the outputs are the same, byte for byte
    assertThat(with.rttm()).isEqualTo(without.rttm()).contains(" a ", " b ");
    assertThat(with.segmentsJsonl()).isEqualTo(without.segmentsJsonl()).doesNotContain("asd");
    assertThat(with.speakers()).isEqualTo(without.speakers());
  }

  @Test void shouldNotGiveSpeechToAListenerWhoseLogitBarelyCrossesZero() {
    // Given voice x over 16 s: a on screen 0-8 s (scored 4-8 s, speaking at 2), then listener b alone 8-16 s
    // (scored 8-12 s at -1, but 0.05 for 32 frames at 9-10.28 s: office_meeting_63s's man with headphones)
    List<SpeechWindow> w = windows(16);
    List<FacePresence> faces = List.of(new FacePresence("a", null, List.<double[]>of(new double[] {0, 8})),
        new FacePresence("b", null, List.<double[]>of(new double[] {8, 16})));
    List<FaceLogits> asd = List.of(logits("a", 1, 4, 8, t -> 2),
        logits("b", 2, 8, 12, t -> t >= 9 && t < 10.28 ? 0.05 : -1));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), faces, asd, null, VoiceSettings.DEFAULT);

    // Then the run of frames that never reaches the minimum peak is not b's: the speech stays a's, off screen
    assertThat(seconds(r, "b", 0, 16)).isCloseTo(0, within(1e-6));
    assertThat(seconds(r, "a", 9, 10.28)).isCloseTo(1.28, within(1e-6));
    // And taking every frame >= 0 (minimum peak 0, the rule before) gives b those 32 frames, and with them, b being
    // a speaker now, the edge of a's turn after the cut to b (8-9 s, TurnEdges): 2.28 s
    VoiceSettings every = new VoiceSettings(VoiceSettings.DEFAULT.clusterDistance(),
        VoiceSettings.DEFAULT.nameThreshold(), 0.5, 2.0, VoiceSettings.DEFAULT_ASD_MARGIN, 1.0, 0);
    VoiceAssemblyResult before = VoiceAssembly.assemble("ep", w, same(w), faces, asd, null, every);
    assertThat(seconds(before, "b", 9, 10.28)).isCloseTo(1.28, within(1e-6));
    assertThat(seconds(before, "b", 0, 16)).isCloseTo(2.28, within(1e-6));
  }

  @Test void shouldGiveTheWholeRunToAFaceWhoseLogitReachesTheMinimumPeak() {
    // Given the same scene, b's run 9-10.28 s rising from 0.05 to 1.0 and back (a real burst of speech)
    List<SpeechWindow> w = windows(16);
    List<FacePresence> faces = List.of(new FacePresence("a", null, List.<double[]>of(new double[] {0, 8})),
        new FacePresence("b", null, List.<double[]>of(new double[] {8, 16})));
    List<FaceLogits> asd = List.of(logits("a", 1, 4, 8, t -> 2),
        logits("b", 2, 8, 12, t -> t >= 9 && t < 10.28 ? 1.0 - 0.95 * Math.abs(t - 9.64) / 0.64 : -1));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, same(w), faces, asd, null, VoiceSettings.DEFAULT);

    // Then b speaks over the whole run, its low frames included
    assertThat(seconds(r, "b", 9, 10.28)).isCloseTo(1.28, within(1e-6));
  }

  /** Seconds of {@code speaker}'s turns inside {@code [from, to)}. */
  private static double seconds(VoiceAssemblyResult r, String speaker, double from, double to) {
    return r.turns().stream().filter(t -> t.speaker().equals(speaker))
        .mapToDouble(t -> Math.max(0, Math.min(to, t.end()) - Math.max(from, t.start()))).sum();
  }

  private static FaceLogits logits(String identity, int track, double from, double to, DoubleUnaryOperator f) {
    float[] out = new float[(int) Math.round((to - from) * FPS)];
    for (int i = 0; i < out.length; i++) out[i] = (float) f.applyAsDouble(from + (i + 0.5) / FPS);
    return new FaceLogits(identity, track, from, FPS, out);
  }

  private static List<FacePresence> bothOnScreen(double seconds) {
    return List.of(new FacePresence("a", null, List.<double[]>of(new double[] {0, seconds})),
        new FacePresence("b", null, List.<double[]>of(new double[] {0, seconds})));
  }

  private static List<float[]> same(List<SpeechWindow> w) {
    return new ArrayList<>(Collections.nCopies(w.size(), unit(0)));
  }

  private static float[] unit(int axis) {
    return VoiceAssemblyTest.unit(axis);
  }

  private static List<SpeechWindow> windows(double seconds) {
    return VoiceAssemblyTest.windows(seconds);
  }
}
