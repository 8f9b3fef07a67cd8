package io.screenalytics.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.EpisodeVoices.VoiceState;
import io.screenalytics.identities.voice.VoiceInput;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import io.screenalytics.voice.speech.Windowing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one recipe, as the service and rescore run it: a voice result that cannot be joined to the faces (window
 * embeddings of two lengths) completes the episode without voices, its voice state {@code FAILED} and the reason
 * {@code voice_assembly: ...}, live and on a rescore of the stored folder alike.
 */
class AssemblyRecipeTest {

  @TempDir Path root;

  private final SyntheticEpisode ep = new SyntheticEpisode("talk", 30, 6, 30, 3)
      .track(1, "ann", 0, 50).track(2, "bea", 50, 50);
  private final AssemblyRecipe recipe = new AssemblyRecipe();

  @Test
  void shouldKeepTheFacesWhenTheVoicesCannotBeJoined() throws IOException {
    // Given voices whose window embeddings are not all of one length
    LocalArtifactStore store = new LocalArtifactStore(root);
    VoiceInput broken = new VoiceInput(brokenVoices(), new Voicebank());

    // When the recipe assembles and writes the episode
    AssemblyResult result = recipe.assemble(ep.info(), ep.faces(), ep.tracks(), Facebank.empty(),
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS, DecisionLog.load(store, "talk"), Optional.of(broken));
    recipe.write(store, result, Facebank.empty());

    // Then the faces are assembled and the voices failed with the reason
    assertThat(result.identities()).hasSize(2);
    assertThat(result.speech().voices().state()).isEqualTo(VoiceState.FAILED);
    assertThat(result.speech().voices().reason()).startsWith("voice_assembly: ");
    assertThat(voiceState(store)).isEqualTo("FAILED");
  }

  @Test
  void shouldGuardARescoreOfStoredVoicesThatCannotBeJoined() throws IOException {
    // Given a folder whose voice.json holds the voices as the voice stage delivered them, not yet joined
    LocalArtifactStore store = new LocalArtifactStore(root);
    AssemblyResult faces = recipe.assemble(ep.info(), ep.faces(), ep.tracks(), Facebank.empty(),
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS, DecisionLog.load(store, "talk"), Optional.empty());
    EpisodeVoices broken = brokenVoices();
    recipe.write(store, faces.withSpeech(new EpisodeSpeech(broken,
        new Voicebank(), null)), Facebank.empty());

    // When it is rescored (before the one recipe, the exception left rescore and the folder as it was)
    EpisodeRescorer.Outcome o = new EpisodeRescorer().rescore(store, "talk", Map.of(), Optional.empty());

    // Then the faces are rescored and the voices failed with the reason
    assertThat(o.result().identities()).hasSize(2);
    assertThat(o.result().speech().voices().state()).isEqualTo(VoiceState.FAILED);
    assertThat(o.result().speech().voices().reason()).startsWith("voice_assembly: ");
    assertThat(voiceState(store)).isEqualTo("FAILED");
  }

  /** An {@code OK} result over 0.2-9.8 s whose second window's embedding has 3 values instead of 256. */
  private static EpisodeVoices brokenVoices() {
    List<SpeechRegion> speech = List.of(new SpeechRegion(0.2, 9.8));
    List<SpeechWindow> windows = Windowing.DEFAULT.cut(speech);
    List<float[]> embeddings = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      float[] v = new float[i == 1 ? 3 : 256];
      Arrays.fill(v, (float) (1 / Math.sqrt(v.length)));
      embeddings.add(v);
    }
    return new EpisodeVoices(VoiceState.OK, null, windows, embeddings, speech);
  }

  private static String voiceState(LocalArtifactStore store) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(store.require("episodes/talk/screen_time.json"));
    return doc.get("voice").get("state").asText();
  }
}
