package io.screenalytics.output;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.output.manifest.StoredEpisode;
import io.screenalytics.output.manifest.VoiceFiles;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
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
 * embedding again, and rewrites its manifests and report: the service's recipe ({@link AssemblyRecipe}) on the
 * stored episode.
 *
 * <p>Settings start from the ones recorded in the episode's manifest, so a rescore that changes only
 * the clustering threshold keeps the matching threshold the episode was assembled with; the facebank is
 * the episode's {@code facebank.json} unless another is given, or the store facebank its decision log names
 * ({@code decisions.json}, {@link DecisionLog#facebank()}: the facebank it was run with by name, which has
 * learned since). The log's decisions are applied again ({@link DecisionLog#edits()}). An episode assembled with voices
 * ({@code voice.json}) has them linked again to the new identities, named from its {@code voicebank.json}.
 * Stateless; thread-safe for different episodes (two rescores of one episode at once race on its folder).
 */
public final class EpisodeRescorer {

  private static final Logger LOG = LoggerFactory.getLogger(EpisodeRescorer.class);
  private static final AssemblyRecipe RECIPE = new AssemblyRecipe();

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
    Assembled assembled = assemble(store, episodeId, overrides, facebank);
    List<ScreenTime> before = new EpisodeManifestReader().screenTime(store, episodeId);
    AssemblyResult result = assembled.result();
    AssemblyConfig config = result.config();
    Facebank cast = assembled.facebank();
    List<String> keys = RECIPE.write(store, result, cast);
    LOG.info("episode {} rescored: {} -> {} identities ({} named) with {}", episodeId, before.size(),
        result.identities().size(), result.identities().stream().filter(i -> i.isKnown()).count(),
        config.asProperties());
    return new Outcome(before, result, cast, keys);
  }

  /**
   * An assembly and the facebank it was matched against.
   *
   * @param result   the assembly, decisions applied
   * @param facebank the facebank
   * @param stored   the episode as read back
   */
  public record Assembled(AssemblyResult result, Facebank facebank, StoredEpisode stored) {}

  /**
   * Reassembles {@code episodes/<episodeId>/} as {@link #rescore} does, without writing anything: the episode as it
   * stands (the reviewer's current view).
   *
   * @throws java.nio.file.NoSuchFileException when the episode folder or one of its files is missing
   * @throws IOException when the folder is inconsistent (checksums) or the store fails
   * @throws IllegalArgumentException on an invalid episode id or invalid settings (all listed)
   */
  public Assembled assemble(ArtifactStore store, String episodeId, Map<String, String> overrides,
      Optional<Facebank> facebank) throws IOException {
    StoredEpisode stored = new EpisodeManifestReader().read(store, episodeId);
    Map<String, String> settings = new TreeMap<>(stored.settings());
    settings.putAll(overrides);
    AssemblyConfig config = AssemblyConfig.fromProperties(settings);
    DecisionLog log = DecisionLog.load(store, episodeId);
    Optional<Facebank> named = log.facebank() == null ? Optional.empty()
        : new FacebankLibrary(store).find(log.facebank());
    Facebank cast = facebank.or(() -> named).orElse(stored.facebank());
    // the episode's voices, if it has them, are linked again to the new identities (same voicebank)
    AssemblyResult result = RECIPE.assemble(stored.episode(), stored.faces(), stored.tracks(), cast, config,
        stored.models(), log, VoiceFiles.read(store, episodeId));
    return new Assembled(result, cast, stored);
  }
}
