package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
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
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash containment with real OS processes: an episode that kills the decoder every time it starts (the test plays
 * the native crash: it SIGKILLs the decoder process on the marked episode, the first time once 50 of its frames are
 * out, then each time the decoder reports {@code STARTED} on it, and starts it again, as a cluster's supervisor
 * would) ends
 * {@code FAILED} with a {@code crashed:} reason after {@value EpisodeAttempts#DEFAULT_MAX_ATTEMPTS} attempts instead
 * of crash-looping the group, and an episode queued behind it in the same ingest partition completes. The frames the
 * killed attempts published are ended by the decoder's {@code abandoned} marker, so detect-track's committed offset
 * passes them. Detect-track, embed and assembly run in this JVM.
 */
class CrashLoopIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

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
    cluster = CLUSTER.cluster();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
    settings.put("store.root", Files.createDirectories(dir.resolve("store")).toString());
    // a killed member's partitions move after this (the clients' default is 45 s)
    settings.put("kafka.session.timeout.ms", "10000");
    // the decoder paced by the pipeline (at most 32 frames in flight): each kill lands mid-episode
    settings.put("decoder.max.in.flight.frames", "32");
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
  }

  @Test
  void shouldFailAnEpisodeThatKillsTheDecoderEveryTimeAndCompleteTheOneQueuedBehindIt() throws Exception {
    // Given the marked episode (every frame: stride 1, so a kill lands mid-stream) and, behind it in the same
    // ingest partition (and so the same frames partition), a good one
    String behind = sameIngestPartition(MARKED);
    Path video = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/short_hamilton_clip.mp4");
    List<Double> attemptsSeen = new ArrayList<>();
    int[] kills = {0};
    long t0 = System.nanoTime();
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      ingestor.push(MARKED, video.toString(), null, 1);
      ingestor.push(behind, video.toString(), null, null);

      // When the decoder is killed on each attempt at the marked episode, and started again
      double[] publishedAtFirstKill = {-1};
      Optional<EpisodeStatus> end = watcher.awaitWhileProgressing(MARKED, s -> {
        if (!"decoder".equals(s.getStage())) return;
        assertThat(s.getState()).as("the decoder never finishes the marked episode").isNotIn(
            EpisodeState.STAGE_COMPLETED, EpisodeState.COMPLETED);
        Double attempt = s.getCounters().get(EpisodeAttempts.ATTEMPT);
        if (attempt != null) {
          attemptsSeen.add(attempt);
        }
        // the first attempt dies mid-stream (its first 50 frames out), the others as soon as they start
        boolean dies = kills[0] == 0 ? s.getCounters().containsKey("frames_published")
            : s.getState() == EpisodeState.STARTED;
        if (dies) {
          if (kills[0] == 0) {
            publishedAtFirstKill[0] = s.getCounters().get("frames_published");
          }
          try {
            decoder.kill();
            kills[0]++;
            LOG.info("attempts {} on {}: decoder killed at {} ({} kills), starting it again", attemptsSeen,
                MARKED, s.getState(), kills[0]);
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
      LOG.info("{} failed as crashed {} s after it was pushed", MARKED, (System.nanoTime() - t0) / 1_000_000_000);

      // And the episode behind it completed
      Optional<EpisodeStatus> next = watcher.awaitWhileProgressing(behind, s -> { });
      assertThat(next).as("episode behind the marked one ended").isPresent();
      assertThat(next.get().getState()).as(next.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
      assertThat(next.get().getCounters().get("faces")).isPositive();
      // And the first kill struck mid-stream: the frames the attempt had published were far fewer than the clip's
      // (at least (n - 1) x 6 + 1 frames when the episode behind, at stride 6, sampled n)
      double clipFrames = (next.get().getCounters().get("frames") - 1) * 6 + 1;
      LOG.info("first kill with {} frames published of the clip's {} or more: {} still to decode",
          publishedAtFirstKill[0], clipFrames, clipFrames - publishedAtFirstKill[0]);
      assertThat(publishedAtFirstKill[0]).isPositive().isLessThan(clipFrames);
      LOG.info("{} completed {} s after it was pushed", behind, (System.nanoTime() - t0) / 1_000_000_000);
    }
    assertThat(decoder.isAlive()).isTrue();

    // And the killed attempts published frames, which the decoder's marker ended: detect-track's committed offset
    // on their partition reaches its end instead of staying at the marked episode's first frame
    TopicPartition frames = new TopicPartition(Topics.FRAMES.name(), partition(MARKED, Topics.FRAMES.partitions()));
    List<Frame> marked = read(frames).stream().filter(f -> MARKED.equals(f.getEpisodeId())).toList();
    LOG.info("{}: {} frames published by the killed attempts", MARKED, marked.size() - 1);
    assertThat(marked).hasSizeGreaterThan(1);
    assertThat(marked.get(marked.size() - 1).getAbandoned()).isTrue();
    assertThat(marked.subList(0, marked.size() - 1)).noneMatch(Frame::getAbandoned).noneMatch(Frame::getIsLast);
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      long endOffset = admin.listOffsets(Map.of(frames, OffsetSpec.latest())).partitionResult(frames).get().offset();
      long[] committed = {-1};
      ProgressWait.await("detect-track's commit at the end of " + frames, () -> {
        committed[0] = WorkInFlight.committed(admin, "screenalytics-" + DetectTrackService.NAME, frames);
        return committed[0] == endOffset;
      }, () -> committed[0], Duration.ofSeconds(60), () -> "committed " + committed[0] + ", end " + endOffset);
    }
  }

  /** The frames of {@code tp} from its start to its end now. */
  private static List<Frame> read(TopicPartition tp) {
    Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<Frame> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p);
         Deserializer<Object> values = kafka.newValueDeserializer(p)) {
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          out.add((Frame) values.deserialize(r.topic(), r.headers(), r.value()));
        }
      }
    }
    return out;
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
