package io.screenalytics.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.SpeechAssembler;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.Voicebanks;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.assembly.VoiceSettings;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import io.screenalytics.voice.speech.Windowing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voices joined to a synthetic episode's identities and written to its folder: two people each on screen for 10 s,
 * each speaking while on screen, then a voice nobody sees. Each on-screen voice takes its identity's id, the unseen
 * one is {@code voice_01} with no visible time, and a rescore keeps the voices.
 */
class SpeechAssemblerTest {

  @TempDir Path root;

  /** ann on screen 0-10 s (track 1), bea 10-20 s (track 2); stride 6 at 30 fps: 0.2 s per sampled frame. */
  private final SyntheticEpisode ep = new SyntheticEpisode("talk", 30, 6, 30, 3)
      .track(1, "ann", 0, 50).track(2, "bea", 50, 50);

  @Test
  void shouldGiveEachVoiceOnScreenItsIdentityAndWriteTheSpeakingTimes() throws IOException {
    // Given the faces assembled, and voices: A over 0-10 s, B over 10-20 s, C over 20-25 s
    AssemblyResult faces = ep.assemble();
    EpisodeVoices voices = voices(new double[][] {{0.2, 9.8}, {10.2, 19.8}, {20.2, 25.0}});

    // When they are joined and written
    EpisodeSpeech speech = SpeechAssembler.assemble(faces, voices, new Voicebank(), VoiceSettings.DEFAULT);
    LocalArtifactStore store = new LocalArtifactStore(root);
    EpisodeOutput.write(store, faces.withSpeech(speech), Facebank.empty());

    // Then the RTTM names each on-screen voice by its identity and the unseen one voice_01
    String first = faces.identities().get(0).id();
    String second = faces.identities().get(1).id();
    String rttm = text(store, "speech.rttm");
    assertThat(rttm.lines().map(l -> l.split(" ")[7]).distinct()).containsExactly(first, second, "voice_01");
    assertThat(rttm).startsWith("SPEAKER talk 1 ");

    // And screen_time.json carries the speaking times, seconds
    JsonNode rows = new ObjectMapper().readTree(text(store, "screen_time.json")).get("identities");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get("speaking_on_screen_s").asDouble()).isCloseTo(9.6, within(0.5));
    assertThat(rows.get(0).get("speaking_off_screen_s").asDouble()).isLessThan(0.5);
    assertThat(rows.get(2).get("identity_id").asText()).isEqualTo("voice_01");
    assertThat(rows.get(2).get("visible_seconds").asDouble()).isZero();
    assertThat(rows.get(2).get("speaking_off_screen_s").asDouble()).isCloseTo(4.8, within(0.5));
    assertThat(new ObjectMapper().readTree(text(store, "screen_time.json")).get("voice").get("state").asText())
        .isEqualTo("OK");
    assertThat(text(store, "voice_segments.jsonl").lines()).hasSize(voices.windows().size());

    // And the report draws speaking bars and a row for the unseen voice
    String report = text(store, "report.html");
    assertThat(report).contains("class=\"speak\"").contains("data-identity=\"voice_01\"");

    // And a rescore links the stored voices to the new identities
    var outcome = new EpisodeRescorer().rescore(store, "talk", Map.of(), Optional.empty());
    assertThat(outcome.result().speech().speakers()).hasSize(3);
    assertThat(text(store, "speech.rttm")).isEqualTo(rttm);
  }

  @Test
  void shouldWriteNoSpeakingFieldsWithoutVoicesButSayWhy() throws IOException {
    AssemblyResult faces = ep.assemble();
    EpisodeSpeech speech = SpeechAssembler.assemble(faces,
        EpisodeVoices.empty(EpisodeVoices.VoiceState.NO_AUDIO, "no_audio: no audio stream"), new Voicebank(),
        VoiceSettings.DEFAULT);
    LocalArtifactStore store = new LocalArtifactStore(root);
    EpisodeOutput.write(store, faces.withSpeech(speech), Facebank.empty());

    JsonNode doc = new ObjectMapper().readTree(text(store, "screen_time.json"));
    assertThat(doc.get("voice").get("state").asText()).isEqualTo("NO_AUDIO");
    assertThat(doc.get("identities").get(0).has("speaking_s")).isFalse();
    assertThat(store.get("episodes/talk/speech.rttm")).isEmpty();
  }

  @Test
  void shouldNameAVoiceHeardOffScreenFromTheStoresVoicebank() throws Exception {
    // Given the store's voicebank holds the off-screen voice, enrolled from other speech of it
    AssemblyResult faces = ep.assemble();
    EpisodeVoices voices = voices(new double[][] {{0.2, 9.8}, {10.2, 19.8}, {20.2, 25.0}});
    List<SpeechWindow> offScreen = voices.windows().stream().filter(w -> w.region() == 2).toList();
    Voicebank bank = new Voicebank();
    bank.enrol("Cal Voice", "cal.wav", new VoiceAnalysis(5, List.of(voices.speech().get(2)), offScreen,
        offScreen.stream().map(w -> voices.embeddings().get(w.index())).toList(), 0, 0, 0));
    LocalArtifactStore store = new LocalArtifactStore(root);
    store.put(StoreLayout.VOICEBANK, bank.toJson());

    // When the voices are joined with the store's voicebank
    EpisodeSpeech speech = SpeechAssembler.assemble(faces, voices, Voicebanks.load(store), VoiceSettings.DEFAULT);
    EpisodeOutput.write(store, faces.withSpeech(speech), Facebank.empty());

    // Then it is named by the voicebank name's slug, and its screen-time row keeps the name
    assertThat(text(store, "speech.rttm").lines().map(l -> l.split(" ")[7]).distinct()).contains("cal_voice")
        .doesNotContain("voice_01");
    JsonNode cal = new ObjectMapper().readTree(text(store, "screen_time.json")).get("identities").get(2);
    assertThat(cal.get("identity_id").asText()).isEqualTo("cal_voice");
    assertThat(cal.get("voicebank_name").asText()).isEqualTo("Cal Voice");
    assertThat(cal.get("visible_seconds").asDouble()).isZero();
  }

  /** One speaker per region, windows cut as the voice stage cuts them ({@link Windowing#DEFAULT}). */
  static EpisodeVoices voices(double[][] regions) {
    Random random = new Random(11);
    List<SpeechRegion> speech = new ArrayList<>();
    List<float[]> voice = new ArrayList<>();
    for (double[] r : regions) {
      speech.add(new SpeechRegion(r[0], r[1]));
      voice.add(unit(random, null, 0));
    }
    List<SpeechWindow> windows = Windowing.DEFAULT.cut(speech);
    List<float[]> embeddings = new ArrayList<>();
    for (SpeechWindow w : windows) embeddings.add(unit(random, voice.get(w.region()), 0.1));
    return new EpisodeVoices(EpisodeVoices.VoiceState.OK, null, windows, embeddings, speech);
  }

  /** {@code normalise(base + s * gaussian)}, or a random non-negative unit vector without a base (GE2E's are). */
  private static float[] unit(Random random, float[] base, double s) {
    float[] v = new float[256];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = base == null ? (float) Math.abs(random.nextGaussian()) * (random.nextDouble() < 0.3 ? 1 : 0)
          : (float) (base[i] + s * random.nextGaussian() / 16);
      norm += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) v[i] /= (float) Math.sqrt(norm);
    return v;
  }

  private static String text(LocalArtifactStore store, String file) throws IOException {
    return new String(store.require("episodes/talk/" + file), StandardCharsets.UTF_8);
  }
}
