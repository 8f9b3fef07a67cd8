package io.screenalytics.launcher;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.status.EpisodeRuns;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.identities.facebank.Facebanks;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.StoreLayout;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code screenalytics ingest}: push an episode onto an existing cluster's ingest topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Push an episode onto a running cluster's ingest topic (settings bootstrap.servers, schema.registry.url).")
final class IngestCommand extends UserCommand {

  @Option(names = "--video", required = true, paramLabel = "URI", description = "Video path, file:// or s3:// URI as the decoder will see it.")
  String video;

  @Option(names = "--episode-id", description = "Episode id (default: from the video's file name).")
  String episodeId;

  @Option(names = "--facebank", paramLabel = "NAME|URI",
      description = "Facebank to match the cast against: a store facebank by name (or --set facebank.name=NAME), a "
          + "store key or a path.")
  String facebank;

  @Option(names = "--stride", description = "Override the decoder's stride for this episode.")
  Integer stride;

  @Mixin
  SettingsOptions settingsOptions;

  @Override
  protected Integer execute() {
    String name = video.replaceFirst(".*/", "");
    String id = episodeId != null ? EpisodeIds.validate(episodeId) : EpisodeIds.fromFileName(name);
    Settings settings = settingsOptions.load(Map.of());
    KafkaSettings kafka = KafkaSettings.from(settings);
    String location = facebank != null ? Facebanks.location(facebank)
        : RunCommand.facebankName(settings).map(StoreLayout::facebank).orElse(null);
    // one run of an episode at a time: the decoder would refuse it (EpisodeRuns); say so here, in one line
    EpisodeRuns.checker(kafka, "screenalytics-ingest").inFlight(id, -1L).ifPresent(run -> {
      throw new IllegalStateException(EpisodeRuns.refusedReason(id, run));
    });
    try (Ingestor ingestor = new Ingestor(kafka)) {
      ingestor.push(id, video, location, stride);
    }
    console().info("episode %s pushed to %s", id, kafka.bootstrapServers());
    return 0;
  }
}
