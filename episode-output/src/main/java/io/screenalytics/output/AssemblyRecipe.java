package io.screenalytics.output;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.SpeechAssembler;
import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.EpisodeVoices.VoiceState;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.VoiceInput;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.voice.assembly.VoiceSettings;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one assembly recipe, run at the end of an episode by assembly-service and again by {@link EpisodeRescorer}:
 * the reviewer's decisions applied ({@link DecisionLog#edits()}), faces assembled ({@link EpisodeAssembler}),
 * voices joined to them ({@link SpeechAssembler}) and the episode folder written ({@link EpisodeOutput}).
 *
 * <p>A problem with the voices never costs the faces: when joining them throws, the episode is assembled without
 * voices, its voice result {@link VoiceState#FAILED} with the reason {@code voice_assembly: <exception>}. What the
 * caller gathers before (the service's chunk join and voice wait, rescore's stored folder) and does after (status
 * events) stays with it. Stateless; thread-safe for different episodes.
 */
public final class AssemblyRecipe {

  private static final Logger LOG = LoggerFactory.getLogger(AssemblyRecipe.class);

  /**
   * Assembles an episode without writing anything.
   *
   * @param episode   the episode's facts (fps, stride, duration)
   * @param faces     its faces (of the tracks kept, joined across chunk boundaries where it was decoded in chunks)
   * @param tracks    its tracks
   * @param facebank  the cast facebank to name identities from
   * @param config    the {@code assembly.*} settings
   * @param models    the detector and embedder that produced the faces
   * @param decisions the reviewer's decisions on the episode, applied to the result
   * @param voices    the episode's voices, or empty for an assembly without any voice result (nothing about voices
   *                  is then recorded)
   * @return the assembly, with its speech when {@code voices} is present
   * @throws IllegalArgumentException when the inputs are inconsistent ({@link EpisodeAssembler})
   */
  public AssemblyResult assemble(EpisodeInfo episode, List<FaceRecord> faces, List<TrackRecord> tracks,
      Facebank facebank, AssemblyConfig config, List<ModelInfo> models, DecisionLog decisions, Optional<VoiceInput> voices) {
    AssemblyResult result = new EpisodeAssembler().assemble(episode, faces, tracks, facebank, config, models,
        decisions.edits());
    if (voices.isEmpty()) {
      return result;
    }
    EpisodeSpeech speech;
    try {
      speech = SpeechAssembler.assemble(result, voices.get().voices(), voices.get().bank(), voices.get().asd(),
          VoiceSettings.DEFAULT);
    } catch (RuntimeException e) {
      // a problem with the voices must not cost the faces
      LOG.error("episode {}: voice assembly failed, the episode completes without voices", episode.episodeId(), e);
      speech = new EpisodeSpeech(EpisodeVoices.empty(VoiceState.FAILED, "voice_assembly: " + e),
          voices.get().bank(), null, voices.get().asd());
    }
    return result.withSpeech(speech);
  }

  /**
   * Writes the episode folder of an assembly ({@link EpisodeOutput#write}).
   *
   * @param facebank the facebank {@code result} was matched against, kept as {@code facebank.json}
   * @return keys written, {@code manifest.json} second to last and {@code report.html} last
   * @throws IOException when the store fails
   */
  public List<String> write(ArtifactStore store, AssemblyResult result, Facebank facebank) throws IOException {
    return EpisodeOutput.write(store, result, facebank);
  }
}
