package io.screenalytics.embed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.micrometer.core.instrument.Timer;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.embed.testing.RealFaces;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.metrics.Metric;
import io.screenalytics.runtime.metrics.ProcessMetrics;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EmbeddedFace;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embed service as a consumer group on a real broker and registry: one instance, then three sharing the 8
 * partitions of {@code screenalytics.faces}, then one of the three stopped in the middle of an episode. Every face
 * of every episode must come out embedded, by face id, with nothing lost; redelivered frames may repeat a face
 * (at-least-once) and collapse by face id downstream. Faces are real aligned crops of the shared photos. The lone
 * first instance's step timers ({@code quality} per frame, {@code embed} per model call) are on the process's
 * metrics.
 */
class EmbedScalingIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static final Logger LOG = LoggerFactory.getLogger(EmbedScalingIT.class);
  private static final int FRAMES = 200;
  private static final String GROUP = "embed-scaling-it";

  private static LocalCluster cluster;
  private static KafkaSettings kafka;
  private static Settings settings;
  private static List<RealFaces.Face> faces;
  private static final Map<String, List<EmbeddedFace>> OUTPUT = new ConcurrentHashMap<>();
  /** Per episode: when its first and its latest output record were read, System.nanoTime(). */
  private static final Map<String, long[]> OUTPUT_TIMES = new ConcurrentHashMap<>();
  private static final AtomicBoolean COLLECTING = new AtomicBoolean(true);
  private static Thread collector;

  @BeforeAll
  static void startClusterAndCollector() {
    faces = RealFaces.of(RealFaces.deepfacePhotos());
    cluster = CLUSTER.cluster();
    settings = Settings.of(Map.of(
        KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        KafkaSettings.REGISTRY_URL, cluster.registryUrl(),
        "models.dir", RealFaces.models().directory().toString(),
        "embed.group.id", GROUP));
    kafka = KafkaSettings.from(settings);
    TopicAdmin.provision(kafka);
    collector = new Thread(EmbedScalingIT::collect, "embed-it-collector-0");
    collector.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    COLLECTING.set(false);
    if (collector != null) {
      collector.join(10_000);
    }
  }

  @Test
  void shouldEmbedEveryFaceOnceByIdWhileInstancesJoinAndLeave() throws Exception {
    List<WorkerService<?>> instances = new ArrayList<>();
    try {
      // Given one instance: an episode's faces, measured
      instances.add(EmbedService.create(settings).start());
      awaitGroup(1);
      double one = runEpisode("ep-one", () -> true);
      assertStepTimers();

      // When two more instances join the group: another episode, measured
      instances.add(EmbedService.create(settings).start());
      instances.add(EmbedService.create(settings).start());
      awaitGroup(3);
      double three = runEpisode("ep-three", () -> true);

      // And one of the three stops once a third of an episode is out
      WorkerService<?> leaving = instances.get(1);
      double stopped = runEpisode("ep-stop", () -> {
        if (distinctFrames("ep-stop") >= FRAMES / 3 && leaving.isReady()) {
          LOG.info("stopping one instance with {} of {} frames out", distinctFrames("ep-stop"), FRAMES);
          leaving.close();
        }
        return true;
      });
      assertThat(leaving.state()).isEqualTo(WorkerService.State.STOPPED);

      LOG.info("throughput: 1 instance {} faces/s, 3 instances {} faces/s ({}x), 3 then 2 instances {} faces/s "
          + "(2 cores shared with everything else: load average now {})", String.format("%.0f", one),
          String.format("%.0f", three), String.format("%.2f", three / one), String.format("%.0f", stopped),
          String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
      assertThat(one).isPositive();
      assertThat(three).isPositive();
    } finally {
      instances.forEach(WorkerService::close);
    }
  }

  /**
   * Produces an episode of {@value #FRAMES} frames (1 to 3 real faces each) and waits until every face is out,
   * then checks the output by face id.
   *
   * @return faces per second from the first face out to the last (embedding throughput, without the time to
   *     publish the episode and for the first fetch)
   */
  private double runEpisode(String episode, BooleanSupplier whileWaiting) throws InterruptedException {
    Map<String, DetectedFace> sent = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (KafkaEmitter producer = new KafkaEmitter(kafka, "embed-it-producer")) {
      int next = 0;
      for (int frame = 0; frame < FRAMES; frame++) {
        List<DetectedFace> inFrame = new ArrayList<>();
        for (int k = 0; k < 1 + frame % 3; k++) {
          RealFaces.Face f = faces.get(next++ % faces.size());
          inFrame.add(f.toDetected(episode + ":" + frame + ":" + k, frame % 7));
        }
        inFrame.forEach(d -> sent.put(d.getFaceId(), d));
        producer.send(Topics.FACES, episode + ":" + frame, FaceBatch.newBuilder().setEpisodeId(episode)
            .setFrameIdx(frame).setTs(frame * 0.2).setFaces(inFrame).build());
      }
      producer.flush();
    }
    await(() -> whileWaiting.getAsBoolean() && faceIds(episode).size() >= sent.size(), episode);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long[] times = OUTPUT_TIMES.get(episode);
    double embedding = (times[1] - times[0]) / 1e9;

    // Then every face id came out, nothing else, each with an embedding or a skip reason
    List<EmbeddedFace> out = OUTPUT.getOrDefault(episode, List.of());
    assertThat(faceIds(episode)).isEqualTo(sent.keySet());
    assertThat(out).allSatisfy(f -> assertThat(f.getEmbedding() != null ^ f.getSkipReason() != null).isTrue());
    long embedded = out.stream().filter(f -> f.getEmbedding() != null).map(EmbeddedFace::getFaceId).distinct().count();
    assertThat(embedded).isGreaterThan(sent.size() * 9L / 10);
    long duplicates = out.size() - sent.size();
    Map<String, Long> perFrame = OUTPUT.getOrDefault(episode, List.of()).stream()
        .collect(Collectors.groupingBy(f -> f.getFaceId().substring(0, f.getFaceId().lastIndexOf(':')),
            Collectors.counting()));
    LOG.info("episode {}: {} faces in {} frames, {} embedded, {} raw duplicate face records (redelivered frames); "
        + "{} s from first send to last face out, {} s from first face out to last: {} faces/s", episode,
        sent.size(), perFrame.size(), embedded, duplicates, String.format("%.2f", seconds),
        String.format("%.2f", embedding), String.format("%.0f", sent.size() / embedding));
    return sent.size() / embedding;
  }

  /**
   * Asserts that the running service timed the quality gate of every frame of the first episode and made model
   * calls, and logs the timers. Checked while one instance runs: instances of one service in one process share
   * their meters, and stopping any of them removes them.
   */
  private static void assertStepTimers() {
    Timer quality = ProcessMetrics.registry().find(Metric.STAGE_LATENCY.meterName())
        .tags("service", EmbedService.NAME, "step", "quality").timer();
    Timer embed = ProcessMetrics.registry().find(Metric.STAGE_LATENCY.meterName())
        .tags("service", EmbedService.NAME, "step", "embed").timer();
    assertThat(quality).isNotNull();
    assertThat(embed).isNotNull();
    assertThat(quality.count()).isGreaterThanOrEqualTo(FRAMES);
    assertThat(embed.count()).isPositive();
    assertThat(embed.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    LOG.info("step timers: quality {} frames, mean {} ms; embed {} model calls, mean {} ms (max {} ms)",
        quality.count(), String.format("%.4f", quality.mean(TimeUnit.MILLISECONDS)), embed.count(),
        String.format("%.1f", embed.mean(TimeUnit.MILLISECONDS)),
        String.format("%.1f", embed.max(TimeUnit.MILLISECONDS)));
  }

  private static Set<String> faceIds(String episode) {
    return OUTPUT.getOrDefault(episode, List.of()).stream().map(EmbeddedFace::getFaceId)
        .collect(Collectors.toSet());
  }

  private static long distinctFrames(String episode) {
    return faceIds(episode).stream().map(id -> id.substring(0, id.lastIndexOf(':'))).distinct().count();
  }

  private static void awaitGroup(int members) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      await(() -> {
        try {
          ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP)).all()
              .get(10, TimeUnit.SECONDS).get(GROUP);
          return g.groupState() == GroupState.STABLE && g.members().size() == members
              && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        } catch (Exception e) {
          return false;
        }
      }, "group of " + members);
    }
  }

  /** Waits while faces keep coming out: fails after {@link ProgressWait#DEFAULT_STALL} without a new record. */
  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    ProgressWait.await(what, done, () -> OUTPUT.values().stream().mapToLong(List::size).sum(),
        () -> "output so far: " + summary());
  }

  private static Map<String, Integer> summary() {
    Map<String, Integer> m = new HashMap<>();
    OUTPUT.forEach((k, v) -> m.put(k, v.size()));
    return m;
  }

  /** Reads every FaceEmbeddings record of the embeddings topic into {@link #OUTPUT}, by episode. */
  private static void collect() {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put("group.id", "embed-it-reader");
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", kafka.valueDeserializer());
    p.put("max.partition.fetch.bytes", 16 * 1024 * 1024);
    try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(Topics.EMBEDDINGS.name()));
      while (COLLECTING.get()) {
        for (ConsumerRecord<String, Object> r : c.poll(Duration.ofMillis(100))) {
          FaceEmbeddings e = (FaceEmbeddings) r.value();
          OUTPUT.computeIfAbsent(e.getEpisodeId(), k -> new CopyOnWriteArrayList<>())
              .addAll(e.getFaces());
          long now = System.nanoTime();
          OUTPUT_TIMES.computeIfAbsent(e.getEpisodeId(), k -> new long[] {now, now})[1] = now;
        }
      }
    }
  }
}
