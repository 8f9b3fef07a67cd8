package io.screenalytics.voice.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.audio.AudioDecoder;
import io.screenalytics.voice.audio.FloatList;
import io.screenalytics.voice.rttm.SpeakerTurn;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.testing.VoiceData;
import io.screenalytics.voice.testing.VoiceStack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An episode composed of the talking-head clips' audio, one after another, each clip's person on screen while it
 * plays: each person's speech must carry that person's identity id, and their on-screen speaking time must match
 * the speech the VAD finds in their clip.
 */
class ComposedEpisodeTest {

  private static final List<String> CLIPS = List.of("sadtalker_RD_Radio31_000.wav", "sadtalker_RD_Radio34_002.wav",
      "sadtalker_RD_Radio36_000.wav", "sadtalker_imagine.wav");

  private static VoiceStack stack;

  @BeforeAll static void open() {
    stack = new VoiceStack();
  }

  @AfterAll static void close() {
    stack.close();
  }

  @Test void shouldGiveEachTalkingHeadsSpeechItsFaceIdentity() throws Exception {
    // Given the clips' audio joined, each person on screen while their clip plays
    FloatList joined = new FloatList();
    List<FacePresence> faces = new ArrayList<>();
    List<double[]> spans = new ArrayList<>();
    for (int c = 0; c < CLIPS.size(); c++) {
      float[] samples = AudioDecoder.decode(VoiceData.file("media/audio/" + CLIPS.get(c)).toString()).samples();
      double from = joined.size() / 16_000.0;
      joined.accept(samples, 0, samples.length);
      double to = joined.size() / 16_000.0;
      spans.add(new double[] {from, to});
      faces.add(new FacePresence("person_" + c, null, List.of(new double[] {from, to})));
    }

    // When the episode's voices are analysed and assembled
    VoiceAnalysis analysis = stack.analyzer().analyse(joined.toArray(), "composed", WindowCache.NONE);
    VoiceAssemblyResult result = VoiceAssembly.assemble("composed", analysis.windows(), analysis.embeddings(), faces,
        null, VoiceSettings.DEFAULT);

    // Then each clip's speech is labelled with its person on at least 80 % of it
    for (int c = 0; c < CLIPS.size(); c++) {
      double[] span = spans.get(c);
      double speech = 0;
      for (SpeechRegion r : analysis.regions()) speech += overlap(r.start(), r.end(), span);
      double labelled = 0;
      for (SpeakerTurn t : result.turns()) {
        if (t.speaker().equals("person_" + c)) labelled += overlap(t.start(), t.end(), span);
      }
      org.slf4j.LoggerFactory.getLogger(ComposedEpisodeTest.class).info(
          "clip {}: {} of {} s of speech labelled person_{}", c, labelled, speech, c);
      assertThat(labelled / speech).as("share of clip %d's speech labelled person_%d", c, c).isGreaterThanOrEqualTo(0.8);
      // And their on-screen speaking time is within 10 % of the speech the VAD found in their clip
      String person = "person_" + c;
      Speaking s = result.speakers().stream().filter(x -> x.speaker().equals(person)).findFirst().orElseThrow();
      assertThat(s.onScreenS()).as("person_%d on-screen speaking", c).isCloseTo(speech,
          org.assertj.core.data.Offset.offset(0.1 * speech));
      assertThat(s.faceIdentity()).isEqualTo("person_" + c);
    }
    assertThat(result.rttm()).startsWith("SPEAKER composed 1 ");
    assertThat(result.segmentsJsonl().lines()).hasSize(analysis.windows().size());
  }

  @Test void shouldLeaveVoicesWithoutFacesAsVoiceNn() throws Exception {
    float[] samples = AudioDecoder.decode(VoiceData.file("media/audio/sadtalker_imagine.wav").toString()).samples();
    VoiceAnalysis analysis = stack.analyzer().analyse(samples, "off", WindowCache.NONE);
    VoiceAssemblyResult result = VoiceAssembly.assemble("off", analysis.windows(), analysis.embeddings(), List.of(),
        null, VoiceSettings.DEFAULT);
    assertThat(result.speakers()).isNotEmpty().allSatisfy(s -> {
      assertThat(s.speaker()).startsWith("voice_");
      assertThat(s.onScreenS()).isZero();
      assertThat(s.offScreenS()).isEqualTo(s.speakingS());
    });
  }

  private static double overlap(double a, double b, double[] span) {
    return Math.max(0, Math.min(b, span[1]) - Math.max(a, span[0]));
  }
}
