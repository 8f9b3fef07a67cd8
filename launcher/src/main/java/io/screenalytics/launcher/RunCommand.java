package io.screenalytics.launcher;

import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.EpisodeIds;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screenalytics run}: the whole pipeline in one process. Starts a real KRaft Kafka broker
 * in-process and the schema registry as a child process, creates the topics, starts every service,
 * enrols the cast facebank, pushes the episode, shows progress and prints the screen-time table.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on one video in this process (embedded Kafka broker and registry).")
final class RunCommand implements Callable<Integer> {

  @Option(names = "--video", required = true, paramLabel = "PATH", description = "The episode video (any format FFmpeg reads).")
  Path video;

  @Option(names = "--cast", paramLabel = "DIR|CSV",
      description = "Cast facebank: a folder of <name>/<photo> images, or a CSV of name,photo rows.")
  Path cast;

  @Option(names = "--episode-id", description = "Episode id (default: from the video's file name).")
  String episodeId;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "screenalytics-data",
      description = "Artifact store root for the results (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after this long (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin
  SettingsOptions settingsOptions;

  @Override
  public Integer call() throws Exception {
    String id = episodeId != null ? EpisodeIds.validate(episodeId) : EpisodeIds.fromFileName(video.getFileName().toString());
    Settings base = settingsOptions.load(Map.of("store.root", out.toAbsolutePath().toString()));
    Console console = new Console();
    long t0 = System.nanoTime();
    console.info("starting Kafka broker (KRaft, in-process) and schema registry...");
    try (LocalCluster cluster = LocalCluster.start()) {
      Map<String, String> clusterSettings = new LinkedHashMap<>();
      clusterSettings.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
      clusterSettings.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
      Settings settings = base.with(clusterSettings);
      KafkaSettings kafka = KafkaSettings.from(settings);
      TopicAdmin.provision(kafka);
      console.info("cluster ready in %.1f s (broker %s, registry %s)", seconds(t0), cluster.bootstrapServers(),
          cluster.registryUrl());
      try (Pipeline pipeline = Pipeline.start(settings)) {
        String facebankUri = cast == null ? null : pipeline.enrolCast(cast, console);
        try (StatusWatcher watcher = new StatusWatcher(kafka);
             Ingestor ingestor = new Ingestor(kafka)) {
          long pushed = System.nanoTime();
          ingestor.push(id, video.toAbsolutePath().toString(), facebankUri, null);
          console.info("episode %s pushed onto %s", id, Topics.INGEST.name());
          Optional<EpisodeStatus> end;
          try (ProgressView progress = new ProgressView(id)) {
            end = watcher.await(id, timeout, progress::update);
          }
          if (end.isEmpty()) {
            console.error("episode %s did not finish within %s", id, timeout);
            return 3;
          }
          EpisodeStatus s = end.get();
          console.info("episode %s %s in %.1f s from push (%.1f s wall time including start-up)", id, s.getState(),
              seconds(pushed), seconds(t0));
          if (s.getState() == EpisodeState.FAILED) {
            console.error("%s failed: %s", s.getStage(), s.getReason());
            return 2;
          }
          if (s.getReason() != null) {
            console.info("warnings: %s", s.getReason());
          }
          var c = s.getCounters();
          console.info("%.0f sampled frames, %.0f faces, %.0f tracks, %.0f identities; results: %s",
              c.getOrDefault("frames", 0.0), c.getOrDefault("faces", 0.0), c.getOrDefault("tracks", 0.0),
              c.getOrDefault("identities", 0.0), s.getOutputUri());
          console.print(pipeline.screenTimeTable(id));
          return 0;
        }
      }
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
