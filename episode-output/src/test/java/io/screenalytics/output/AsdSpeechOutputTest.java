package io.screenalytics.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.SpeechAssembler;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.TrackLogits;
import io.screenalytics.output.manifest.VoiceFiles;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.voice.assembly.VoiceSettings;
import io.screenalytics.voice.bank.Voicebank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voices linked by active speaker logits and written to the episode folder: ann (track 1) and bea (track 2) on
 * screen together for 20 s, ann's voice over 0-10 s, bea's over 10-20 s, the logits saying who speaks. The tracks are
 * mapped to identities, each voice lands on its own face, {@code asd.json} is written and read back by a rescore.
 */
class AsdSpeechOutputTest {

  @TempDir Path root;

  /** ann and bea both on screen 0-20 s; stride 6 at 30 fps: 0.2 s per sampled frame. */
  private final SyntheticEpisode ep = new SyntheticEpisode("talk", 30, 6, 30, 3)
      .track(1, "ann", 0, 100).track(2, "bea", 0, 100);

  @Test
  void shouldPutEachVoiceOnTheFaceSeenSpeakingAndKeepTheResultForRescore() throws IOException {
    // Given the faces assembled, two voices taking turns, and logits: track 1 speaks 0-10 s, track 2 10-20 s
    AssemblyResult faces = ep.assemble();
    EpisodeVoices voices = SpeechAssemblerTest.voices(new double[][] {{0.2, 9.8}, {10.2, 19.8}});
    EpisodeAsd asd = new EpisodeAsd(EpisodeAsd.AsdState.OK, null, "light_asd_ava",
        List.of(logits(1, 0, 20, true), logits(2, 0, 20, false)));

    // When they are joined and written
    EpisodeSpeech speech = SpeechAssembler.assemble(faces, voices, new Voicebank(), asd, VoiceSettings.DEFAULT);
    LocalArtifactStore store = new LocalArtifactStore(root);
    EpisodeOutput.write(store, faces.withSpeech(speech), Facebank.empty());

    // Then each turn is on the identity of the track seen speaking
    String ann = identityOf(faces, 1);
    String bea = identityOf(faces, 2);
    assertThat(ann).isNotEqualTo(bea);
    String rttm = text(store, "speech.rttm");
    assertThat(rttm.lines().map(l -> l.split(" ")[7]).toList()).containsExactly(ann, bea);
    JsonNode doc = new ObjectMapper().readTree(text(store, "screen_time.json"));
    for (JsonNode row : doc.get("identities")) {
      assertThat(row.get("speaking_s").asDouble()).isCloseTo(9.6, within(0.05));
      assertThat(row.get("speaking_on_screen_s").asDouble()).isCloseTo(9.6, within(0.05));
    }
    assertThat(doc.get("voice").get("asd").get("state").asText()).isEqualTo("OK");
    assertThat(doc.get("voice").get("asd").get("model").asText()).isEqualTo("light_asd_ava");
    assertThat(text(store, "voice_segments.jsonl")).contains("\"asd\":[{\"face\":\"" + ann + "\",\"track\":1,");
    assertThat(text(store, "report.html")).contains("seen speaking by active speaker detection for 9.6 s");

    // And asd.json reads back, so a rescore links the same way
    EpisodeAsd back = VoiceFiles.read(store, "talk").orElseThrow().asd();
    assertThat(back.state()).isEqualTo(EpisodeAsd.AsdState.OK);
    assertThat(back.tracks().get(0).logits()).containsExactly(asd.tracks().get(0).logits());
    new EpisodeRescorer().rescore(store, "talk", Map.of(), Optional.empty());
    assertThat(text(store, "speech.rttm")).isEqualTo(rttm);
  }

  @Test
  void shouldLinkByPresenceAndWriteNoAsdFileWithoutAResult() throws IOException {
    // Given the same faces and voices, and no active speaker result
    AssemblyResult faces = ep.assemble();
    EpisodeVoices voices = SpeechAssemblerTest.voices(new double[][] {{0.2, 9.8}, {10.2, 19.8}});

    // When joined (NONE) and with a FAILED result
    EpisodeSpeech none = SpeechAssembler.assemble(faces, voices, new Voicebank(), VoiceSettings.DEFAULT);
    EpisodeSpeech failed = SpeechAssembler.assemble(faces, voices, new Voicebank(),
        EpisodeAsd.empty(EpisodeAsd.AsdState.FAILED, "asd: undecodable span"), VoiceSettings.DEFAULT);
    LocalArtifactStore store = new LocalArtifactStore(root);
    EpisodeOutput.write(store, faces.withSpeech(none), Facebank.empty());

    // Then both link as before (presence cannot tell the two faces apart), and NONE writes no asd.json
    assertThat(failed.result().rttm()).isEqualTo(none.result().rttm());
    assertThat(failed.result().segmentsJsonl()).isEqualTo(none.result().segmentsJsonl());
    assertThat(store.get("episodes/talk/asd.json")).isEmpty();
    assertThat(VoiceFiles.read(store, "talk").orElseThrow().asd()).isEqualTo(EpisodeAsd.NONE);
    assertThat(VoiceFiles.files(failed)).containsKey(VoiceFiles.ASD);
  }

  /** 25 logits a second over {@code [from, to)}: +2 in the first half when {@code firstHalf}, else in the second. */
  private static TrackLogits logits(int track, double from, double to, boolean firstHalf) {
    float[] out = new float[(int) Math.round((to - from) * 25)];
    for (int i = 0; i < out.length; i++) out[i] = (i < out.length / 2) == firstHalf ? 2f : -2f;
    return new TrackLogits(track, from, 25, out);
  }

  private static String identityOf(AssemblyResult faces, int track) {
    return faces.identities().stream().filter(i -> i.trackIds().contains(track)).map(Identity::id).findFirst()
        .orElseThrow();
  }

  private static String text(LocalArtifactStore store, String file) throws IOException {
    return new String(store.require("episodes/talk/" + file), StandardCharsets.UTF_8);
  }
}
