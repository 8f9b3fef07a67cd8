package io.screenalytics.output;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.output.manifest.EpisodeManifestWriter;
import io.screenalytics.output.report.EpisodeReport;
import io.screenalytics.output.review.Decision;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything written for an assembled episode, in order: the manifests ({@link EpisodeManifestWriter},
 * {@code manifest.json} last), then {@code report.html} ({@link EpisodeReport}). The last step of
 * {@link AssemblyRecipe}, live and on a rescore. Stateless; thread-safe for different episodes.
 */
public final class EpisodeOutput {

  private EpisodeOutput() {}

  /**
   * Writes the episode folder and its report.
   *
   * @param facebank the facebank {@code result} was matched against, kept as {@code facebank.json}
   * @return keys written, {@code manifest.json} second to last and {@code report.html} last
   * @throws IOException when the store fails (a folder without a new manifest is rewritten by the next run)
   */
  public static List<String> write(ArtifactStore store, AssemblyResult result, Facebank facebank)
      throws IOException {
    List<String> keys = new ArrayList<>(new EpisodeManifestWriter().write(store, result, facebank));
    // the report lists the reviewer's decisions the result applied
    List<String> decisions = DecisionLog.load(store, result.episode().episodeId()).decisions().stream()
        .map(Decision::describe).toList();
    keys.add(new EpisodeReport().write(store, result, facebank, decisions));
    return keys;
  }
}
