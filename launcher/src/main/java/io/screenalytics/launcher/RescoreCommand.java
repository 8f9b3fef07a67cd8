package io.screenalytics.launcher;

import io.screenalytics.identities.AssemblySetting;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.Facebanks;
import io.screenalytics.identities.screentime.ScreenTimeTable;
import io.screenalytics.output.EpisodeRescorer;
import io.screenalytics.output.manifest.EpisodeLayout;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.ArtifactStore;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code screenalytics rescore <episode>}: recomputes a stored episode's identities and screen time from its
 * stored embeddings with new assembly settings ({@code --set assembly.cluster.min.similarity=0.45}) or another
 * facebank ({@code --facebank}), without decoding or embedding again, and rewrites its manifests and report
 * ({@link EpisodeRescorer}).
 */
@Command(name = "rescore", mixinStandardHelpOptions = true,
    description = "Recompute a stored episode's identities and screen time with new assembly settings or another "
        + "facebank, from its stored embeddings (no decoding, no embedding); rewrites its manifests and report.")
final class RescoreCommand extends UserCommand {

  @Parameters(index = "0", paramLabel = "EPISODE", description = "Episode id (its folder episodes/<id>/ in the store).")
  String episodeId;

  @Option(names = "--facebank", paramLabel = "NAME|PATH",
      description = "Facebank to match against: a name in the store (facebanks/<name>.json), a store key or a JSON "
          + "file; it becomes the episode's (default: the one the episode was last assembled with; by name, read "
          + "afresh with what reviews taught it).")
  String facebank;

  @Mixin
  StoreOptions store;

  @Override
  protected Integer execute() throws Exception {
    Settings settings = store.settings();
    Map<String, String> overrides = assemblyOverrides(settings);
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    try (ArtifactStore artifacts = StoreOptions.open(settings)) {
      Optional<Facebank> cast = facebank == null ? Optional.empty()
          : Optional.of(Facebanks.load(artifacts, Facebanks.location(facebank)));
      EpisodeRescorer.Outcome o = new EpisodeRescorer().rescore(artifacts, episodeId, overrides, cast);
      if (facebank != null) {
        // the facebank given becomes the episode's: by name, the one its review decisions teach
        DecisionLog.forRun(artifacts, episodeId, Facebanks.location(facebank));
      }
      long namedBefore = o.before().stream().filter(s -> s.name() != null).count();
      // rows without a track are voices heard but never on screen (voice_NN), not face identities
      long identitiesBefore = o.before().stream().filter(s -> s.tracks() > 0).count();
      long namedAfter = o.result().identities().stream().filter(i -> i.isKnown()).count();
      out.printf(Locale.ROOT, "episode %s rescored in %.2f s from stored embeddings: %d -> %d identities "
              + "(%d -> %d named)%n", episodeId, (System.nanoTime() - t0) / 1e9, identitiesBefore,
          o.result().identities().size(), namedBefore, namedAfter);
      out.printf(Locale.ROOT, "facebank: %s (%d people, %d seeds); settings: %s%n",
          facebank == null ? "the episode's own" : facebank, o.facebank().names().size(), o.facebank().seedCount(),
          o.result().config().asProperties());
      out.print(ScreenTimeTable.format(o.result().screenTime()));
      out.printf(Locale.ROOT, "report: %s%n",
          StoreOptions.describe(artifacts, new EpisodeLayout(episodeId).key(EpisodeLayout.REPORT)));
      out.flush();
      return 0;
    }
  }

  /**
   * The assembly settings among {@code settings} (a mistyped name never gets here: {@link SettingsOptions} refuses
   * it).
   */
  static Map<String, String> assemblyOverrides(Settings settings) {
    Map<String, String> out = new TreeMap<>();
    for (String key : AssemblySetting.keys()) {
      String v = settings.asMap().get(key);
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }
}
