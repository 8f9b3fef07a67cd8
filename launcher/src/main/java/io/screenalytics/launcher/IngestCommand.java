package io.screenalytics.launcher;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.status.EpisodeRuns;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.identities.facebank.Facebanks;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.StoreLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screenalytics ingest}: push episodes onto an existing cluster's ingest topic; with {@code --wait}, follow
 * them on the status topic until each completes or fails ({@link SeasonWatch}): exit status 0 only if all completed,
 * {@value UserErrors#EXIT} when one failed, {@value RunCommand#EXIT_UNFINISHED} when one did not finish in time.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Push episodes onto a running cluster's ingest topic (--bootstrap-servers, or the settings "
        + "bootstrap.servers and schema.registry.url); --wait follows them until they complete or fail.")
final class IngestCommand extends UserCommand {

  @Option(names = "--video", required = true, paramLabel = "URI",
      description = "Video path, file:// or s3:// URI as the decoder will see it (repeatable).")
  List<String> videos = new ArrayList<>();

  @Option(names = "--episode-id", description = "Episode id of the one video (default: from the video's file name).")
  String episodeId;

  @Option(names = "--facebank", paramLabel = "NAME|URI",
      description = "Facebank to match the cast against: a store facebank by name (or --set facebank.name=NAME), a "
          + "store key or a path.")
  String facebank;

  @Option(names = "--stride", description = "Override the decoder's stride for these episodes.")
  Integer stride;

  @Option(names = "--wait", description = "Follow the episodes until each completes or fails, showing progress; "
      + "exit 0 only if all completed.")
  boolean await;

  @Option(names = "--timeout", defaultValue = "PT30M",
      description = "With --wait: give up after this long per episode (ISO-8601, default ${DEFAULT-VALUE}), or after "
          + "10 minutes without any status event on the cluster.")
  Duration timeout;

  @Mixin
  ClusterOptions cluster;

  @Override
  protected Integer execute() {
    if (episodeId != null && videos.size() > 1) {
      throw new IllegalArgumentException("--episode-id names one episode, but " + videos.size() + " videos were given");
    }
    Map<String, String> byId = new LinkedHashMap<>();
    for (String video : videos) {
      String id = episodeId != null ? EpisodeIds.validate(episodeId) : EpisodeIds.fromFileName(video.replaceFirst(".*/", ""));
      SeasonInputs.putUnique(byId, id, video);
    }
    Settings settings = cluster.settings();
    KafkaSettings kafka = KafkaSettings.from(settings);
    String location = facebank != null ? Facebanks.location(facebank)
        : RunCommand.facebankName(settings).map(StoreLayout::facebank).orElse(null);
    // one run of an episode at a time: the decoder would refuse it (EpisodeRuns); say so here, in one line, before
    // any of the episodes is pushed
    EpisodeRuns.Checker runs = EpisodeRuns.checker(kafka, "screenalytics-ingest");
    byId.keySet().forEach(id -> runs.inFlight(id, -1L).ifPresent(run -> {
      throw new IllegalStateException(EpisodeRuns.refusedReason(id, run));
    }));
    Console console = console();
    // the watcher starts before the push: it sees these episodes' events, not those of an earlier run of the same ids
    try (StatusWatcher watcher = await ? StatusWatcher.fromNow(kafka) : null;
         Ingestor ingestor = new Ingestor(kafka)) {
      byId.forEach((id, video) -> {
        ingestor.push(id, video, location, stride);
        console.info("episode %s pushed to %s", id, kafka.bootstrapServers());
      });
      if (!await) {
        return 0;
      }
      List<SeasonWatch.Outcome> outcomes = new SeasonWatch(console, List.copyOf(byId.keySet()))
          .await(watcher, RunCommand.EPISODE_STALL, timeout.multipliedBy(byId.size()));
      if (outcomes.size() > 1) {
        console.print(SeasonWatch.summary(outcomes));
      }
      outcomes.stream().filter(o -> o.status() == SeasonWatch.Status.UNFINISHED)
          .forEach(o -> console.error("%s %s", o.episodeId(), o.reason()));
      return RunCommand.exitStatus(outcomes);
    }
  }
}
