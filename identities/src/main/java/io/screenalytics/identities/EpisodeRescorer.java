package io.screenalytics.identities;

import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.manifest.EpisodeManifestReader;
import io.screenalytics.identities.manifest.StoredEpisode;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.identities.voice.SpeechAssembler;
import io.screenalytics.identities.voice.VoiceFiles;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.voice.assembly.VoiceSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay: recomputes an episode's identities and screen time from its stored faces, tracks and
 * embeddings ({@link EpisodeManifestReader}) with new settings or a new facebank, without decoding or
 * embedding again, and rewrites its manifests and report ({@link EpisodeOutput}).
 *
 * <p>Settings start from the ones recorded in the episode's manifest, so a rescore that changes only
 * the clustering threshold keeps the matching threshold the episode was assembled with; the facebank is
 * the episode's {@code facebank.json} unless another is given. An episode assembled with voices
 * ({@code voice.json}) has them linked again to the new identities, named from its {@code voicebank.json}.
 * Stateless; thread-safe for different episodes (two rescores of one episode at once race on its folder).
 */
public final class EpisodeRescorer {

  private static final Logger LOG = LoggerFactory.getLogger(EpisodeRescorer.class);

  /**
   * What a rescore did.
   *
   * @param before   screen-time rows before, longest first
   * @param result   the new assembly
   * @param facebank the facebank used
   * @param keys     keys written, {@code report.html} last
   */
  public record Outcome(List<ScreenTime> before, AssemblyResult result, Facebank facebank, List<String> keys) {
    public Outcome {
      before = List.copyOf(before);
      keys = List.copyOf(keys);
    }
  }

  /**
   * Rescores {@code episodes/<episodeId>/}.
   *
   * @param overrides {@code AssemblySetting} keys to new values (others in the {@code assembly.}
   *                  namespace are reported as unknown)
   * @param facebank  the facebank to match against, or empty to reuse the episode's own
   * @throws java.nio.file.NoSuchFileException when the episode folder or one of its files is missing
   * @throws IOException when the folder is inconsistent (checksums) or the store fails
   * @throws IllegalArgumentException on an invalid episode id or invalid settings (all listed)
   */
  public Outcome rescore(ArtifactStore store, String episodeId, Map<String, String> overrides,
      Optional<Facebank> facebank) throws IOException {
    EpisodeManifestReader reader = new EpisodeManifestReader();
    StoredEpisode stored = reader.read(store, episodeId);
    List<ScreenTime> before = reader.screenTime(store, episodeId);
    Map<String, String> settings = new TreeMap<>(stored.settings());
    settings.putAll(overrides);
    AssemblyConfig config = AssemblyConfig.fromProperties(settings);
    Facebank cast = facebank.orElse(stored.facebank());
    AssemblyResult result = new EpisodeAssembler().assemble(stored.episode(), stored.faces(),
        stored.tracks(), cast, config, stored.models());
    // the episode's voices, if it has them, are linked again to the new identities (same voicebank)
    Optional<VoiceFiles.Stored> voices = VoiceFiles.read(store, episodeId);
    if (voices.isPresent()) {
      result = result.withSpeech(SpeechAssembler.assemble(result, voices.get().voices(), voices.get().bank(),
          VoiceSettings.DEFAULT));
    }
    List<String> keys = EpisodeOutput.write(store, result, cast);
    LOG.info("episode {} rescored: {} -> {} identities ({} named) with {}", episodeId, before.size(),
        result.identities().size(), result.identities().stream().filter(i -> i.isKnown()).count(),
        config.asProperties());
    return new Outcome(before, result, cast, keys);
  }
}
