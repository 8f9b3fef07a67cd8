package io.screenalytics.bench.embed;

import io.screenalytics.bench.cpu.GroupStart;
import io.screenalytics.bench.embed.BenchFaces.Face;
import io.screenalytics.bench.embed.BenchFaces.Frame;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.embed.service.EmbedConfig;
import io.screenalytics.embed.service.EmbedHandlers;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.FaceQuality;
import io.screenalytics.schemas.Topics;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The batching wait on a real broker: one embed instance at its defaults except {@code embed.fetch.*}, fed frames
 * at a steady rate (as detect-track publishes them), for several waits. Prints the faces per model call reached
 * and the latency each frame pays from being published to its embeddings being readable.
 */
public final class FetchWaitRun {

  private FetchWaitRun() {}

  /**
   * @param framesPerSecond publishing rate of frames
   * @param waits           {@code embed.fetch.max.wait.ms} values; 0 also sets {@code fetch.min.bytes} to 1 (no
   *                        waiting: each fetch returns what is there)
   */
  public static void run(PrintStream out, Map<String, String> base, List<Frame> frames, int framesPerSecond,
      int[] waits) throws Exception {
    try (LocalCluster cluster = LocalCluster.start()) {
      Map<String, String> s = new HashMap<>(base);
      s.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
      s.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
      KafkaSettings kafka = KafkaSettings.from(Settings.of(s));
      TopicAdmin.provision(kafka);
      out.printf("%-24s %10s %12s %16s %16s%n", "fetch.max.wait.ms", "faces", "faces/call", "latency p50 ms",
          "latency p95 ms");
      for (int wait : waits) {
        Map<String, String> run = new HashMap<>(s);
        run.put("embed.group.id", "bench-wait-" + wait);
        run.put("embed.fetch.max.wait.ms", Integer.toString(wait));
        if (wait == 0) {
          run.put("embed.fetch.min.bytes", "1");
        }
        String episode = "wait-" + wait;
        GroupStart.atEnd(kafka, "bench-wait-" + wait, List.of(Topics.FACES));
        Settings settings = Settings.of(run);
        EmbedConfig config = EmbedConfig.from(settings);
        EmbedHandlers handlers = new EmbedHandlers(config);
        WorkerService<FaceBatch> service = new WorkerService<FaceBatch>(EmbedService.NAME, config.service().groupId(),
            EmbedService.kafkaSettings(settings, config), LoopConfig.from(Settings.of(settings.withPrefix("embed.")),
            EmbedConfig.DEFAULT_MAX_POLL_RECORDS), List.of(Topics.FACES), 1, handlers::newHandler).closing(handlers);
        try (service) {
          service.start();
          awaitAssigned(kafka, config.service().groupId());
          Map<Long, Long> published = new ConcurrentHashMap<>();
          List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
          Thread reader = new Thread(() -> read(kafka, episode, published, latencies, frames.size()),
              "bench-reader-" + wait);
          reader.start();
          long faces = publish(kafka, episode, frames, framesPerSecond, published);
          reader.join(60_000);
          double[] ms = latencies.stream().mapToDouble(Long::doubleValue).sorted().toArray();
          out.printf("%-24s %10d %12.1f %16.0f %16.0f%n", wait == 0 ? "0 (fetch.min.bytes 1)" : wait, faces,
              handlers.stats().facesPerCall(), pct(ms, 50), pct(ms, 95));
        }
      }
    }
  }

  /** Waits until the group is stable with a member that owns partitions (at most 60 s), then 1 s more. */
  private static void awaitAssigned(KafkaSettings kafka, String group) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline) {
        ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        if (g.groupState() == GroupState.STABLE && g.members().stream()
            .anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
          break;
        }
        Thread.sleep(100);
      }
    }
    Thread.sleep(1000);
  }

  private static long publish(KafkaSettings kafka, String episode, List<Frame> frames, int fps,
      Map<Long, Long> published) throws InterruptedException {
    long faces = 0;
    long start = System.nanoTime();
    try (KafkaEmitter producer = new KafkaEmitter(kafka, "bench-producer")) {
      for (int i = 0; i < frames.size(); i++) {
        long due = start + i * 1_000_000_000L / fps;
        long sleep = (due - System.nanoTime()) / 1_000_000;
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
        List<DetectedFace> detected = new ArrayList<>();
        for (Face f : frames.get(i).faces()) {
          detected.add(DetectedFace.newBuilder().setFaceId(episode + ":" + i + ":" + detected.size()).setTrackId(0)
              .setBboxXyxy(List.of(0f, 0f, 1f, 1f)).setLandmarks(Collections.nCopies(10, 0f))
              .setDetScore(f.detScore()).setQuality(new FaceQuality(f.quality().contrast(), f.quality().blur()))
              .setCrop(ByteBuffer.wrap(f.crop())).build());
        }
        faces += detected.size();
        published.put((long) i, System.nanoTime());
        producer.send(Topics.FACES, episode + ":" + i, FaceBatch.newBuilder().setEpisodeId(episode).setFrameIdx(i)
            .setTs(i).setFaces(detected).build());
        producer.flush();
      }
    }
    return faces;
  }

  private static void read(KafkaSettings kafka, String episode, Map<Long, Long> published, List<Long> latencies,
      int expected) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put("group.id", "bench-reader-" + episode);
    p.put("auto.offset.reset", "earliest");
    p.put("fetch.max.wait.ms", 5);
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", kafka.valueDeserializer());
    p.put("max.partition.fetch.bytes", 16 * 1024 * 1024);
    long deadline = System.nanoTime() + 120_000_000_000L;
    try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(Topics.EMBEDDINGS.name()));
      while (latencies.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Object> r : c.poll(Duration.ofMillis(20))) {
          FaceEmbeddings e = (FaceEmbeddings) r.value();
          Long sent = published.get(e.getFrameIdx());
          if (e.getEpisodeId().equals(episode) && sent != null) {
            latencies.add((System.nanoTime() - sent) / 1_000_000);
          }
        }
      }
    }
  }

  private static double pct(double[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))];
  }
}
