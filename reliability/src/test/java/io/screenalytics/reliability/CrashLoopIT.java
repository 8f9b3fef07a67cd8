package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash containment with real OS processes: an episode that kills the decoder every time it starts (the test plays
 * the native crash: it SIGKILLs the decoder process whenever the decoder marks an attempt on the marked episode,
 * then starts it again, as a cluster's supervisor would) ends {@code FAILED} with a {@code crashed:} reason after
 * {@value EpisodeAttempts#DEFAULT_MAX_ATTEMPTS} attempts instead of crash-looping the group, and an episode queued
 * behind it in the same ingest partition completes. Detect-track, embed and assembly run in this JVM.
 */
class CrashLoopIT {

  private static final Logger LOG = LoggerFactory.getLogger(CrashLoopIT.class);
  private static final String MARKED = "crash-loop";

  @TempDir
  static Path dir;

  private static LocalCluster cluster;
  private static KafkaSettings kafka;
  private static ServiceProcess decoder;
  private static final List<WorkerService<?>> services = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
    settings.put("store.root", Files.createDirectories(dir.resolve("store")).toString());
    // a killed member's partitions move after this (the clients' default is 45 s)
    settings.put("kafka.session.timeout.ms", "10000");
    kafka = KafkaSettings.from(Settings.of(settings));
    TopicAdmin.provision(kafka);
    Settings inProcess = Settings.of(settings);
    services.add(DetectTrackService.create(inProcess).start());
    services.add(EmbedService.create(inProcess).start());
    services.add(AssemblyService.create(inProcess).start());
    decoder = new ServiceProcess("decoder", settings, dir).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (decoder != null) {
      decoder.close();
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldFailAnEpisodeThatKillsTheDecoderEveryTimeAndCompleteTheOneQueuedBehindIt() throws Exception {
    // Given the marked episode and, behind it in the same ingest partition, a good one
    String behind = sameIngestPartition(MARKED);
    Path video = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/short_hamilton_clip.mp4");
    List<Double> attemptsSeen = new ArrayList<>();
    int[] kills = {0};
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      ingestor.push(MARKED, video.toString(), null, null);
      ingestor.push(behind, video.toString(), null, null);

      // When the decoder is killed each time it marks an attempt on the marked episode, and started again
      Optional<EpisodeStatus> end = watcher.awaitWhileProgressing(MARKED, s -> {
        Double attempt = s.getCounters().get(EpisodeAttempts.ATTEMPT);
        if ("decoder".equals(s.getStage()) && attempt != null) {
          attemptsSeen.add(attempt);
          try {
            decoder.kill();
            kills[0]++;
            LOG.info("attempt {} on {}: decoder killed ({} kills), starting it again", attempt, MARKED, kills[0]);
            decoder.start();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });

      // Then the marked episode failed as crashed, naming the decoder, after three attempts
      assertThat(end).as("marked episode ended").isPresent();
      assertThat(end.get().getState()).isEqualTo(EpisodeState.FAILED);
      assertThat(end.get().getStage()).isEqualTo("decoder");
      assertThat(end.get().getReason()).startsWith("crashed:").contains("decoder").contains("3 times");
      assertThat(attemptsSeen).containsExactly(1.0, 2.0, 3.0);
      assertThat(kills[0]).isEqualTo(3);

      // And the episode behind it completed
      Optional<EpisodeStatus> next = watcher.awaitWhileProgressing(behind, s -> { });
      assertThat(next).as("episode behind the marked one ended").isPresent();
      assertThat(next.get().getState()).as(next.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
      assertThat(next.get().getCounters().get("faces")).isPositive();
    }
    assertThat(decoder.isAlive()).isTrue();
  }

  /** An episode id whose key lands in the same ingest partition as {@code episodeId}'s (murmur2, as producers do). */
  private static String sameIngestPartition(String episodeId) {
    int partitions = Topics.INGEST.partitions();
    int wanted = partition(episodeId, partitions);
    for (int i = 0; ; i++) {
      String candidate = "behind-" + i;
      if (partition(candidate, partitions) == wanted) return candidate;
    }
  }

  private static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
