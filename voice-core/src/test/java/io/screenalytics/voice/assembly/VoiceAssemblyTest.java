package io.screenalytics.voice.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import io.screenalytics.voice.speech.Windowing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linking, splitting and naming on synthetic windows (exact answers). */
class VoiceAssemblyTest {

  static float[] unit(int axis) {
    float[] v = new float[256];
    v[axis] = 1f;
    return v;
  }

  static List<SpeechWindow> windows(double seconds) {
    return Windowing.DEFAULT.cut(List.of(new SpeechRegion(0, seconds)));
  }

  @Test void shouldSplitOneVoiceBetweenTwoFacesEachSpeakingInTheirOwnStretch() {
    // Given one voice (identical embeddings) over 20 s: face a on screen for 0-10 s, face b for 10-20 s
    List<SpeechWindow> w = windows(20);
    List<float[]> e = new ArrayList<>(Collections.nCopies(w.size(), unit(0)));
    List<FacePresence> faces = List.of(new FacePresence("a", null, List.<double[]>of(new double[] {0, 10})),
        new FacePresence("b", null, List.<double[]>of(new double[] {10, 20})));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, e, faces, null, VoiceSettings.DEFAULT);

    // Then the voice is split at the change of faces
    assertThat(r.speakers()).extracting(Speaking::speaker).containsExactly("a", "b");
    assertThat(r.speakers()).allSatisfy(s -> assertThat(s.onScreenS()).isCloseTo(10.0,
        org.assertj.core.data.Offset.offset(0.01)));
  }

  @Test void shouldNameAnUnlinkedVoiceFromTheVoicebankAndFlagADisagreeingFaceName() throws Exception {
    // Given a voicebank with two voices and two speakers: one off screen, one on screen under another cast name
    Voicebank bank = new Voicebank();
    bank.enrol("Ada Lovelace", "ada.wav", analysis(unit(1)));
    bank.enrol("Grace Hopper", "grace.wav", analysis(unit(2)));
    List<SpeechWindow> w = windows(20);
    List<float[]> e = new ArrayList<>();
    for (SpeechWindow x : w) e.add(x.centre() < 10 ? unit(1) : unit(2));
    List<FacePresence> faces = List.of(new FacePresence("barack_obama", "Barack Obama",
        List.<double[]>of(new double[] {10, 20})));

    // When assembled
    VoiceAssemblyResult r = VoiceAssembly.assemble("ep", w, e, faces, bank, VoiceSettings.DEFAULT);

    // Then the off-screen voice takes the voicebank's slug, the on-screen one the face's id, with the conflict flagged
    Speaking ada = r.speakers().get(0);
    assertThat(ada.speaker()).isEqualTo("ada_lovelace");
    assertThat(ada.faceIdentity()).isNull();
    assertThat(ada.offScreenS()).isEqualTo(ada.speakingS());
    Speaking second = r.speakers().get(1);
    assertThat(second.speaker()).isEqualTo("barack_obama");
    assertThat(second.voicebankName()).isEqualTo("Grace Hopper");
    assertThat(second.nameConflict()).isTrue();
    assertThat(r.segmentsJsonl().lines().findFirst().orElseThrow())
        .contains("\"speaker\":\"ada_lovelace\"", "\"voicebank_match\":\"Ada Lovelace\"");
  }

  /** An analysis of 4 s of speech whose windows all embed to {@code v}. */
  private static VoiceAnalysis analysis(float[] v) {
    List<SpeechWindow> w = windows(4);
    return new VoiceAnalysis(4, List.of(new SpeechRegion(0, 4)), w, Collections.nCopies(w.size(), v), 1, 0, 0);
  }
}
