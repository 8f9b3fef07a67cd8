package io.screenalytics.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consumer loop against a real broker and registry: processing, commits, retries and dead letters. */
class WorkerLoopIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static LocalCluster cluster;
  private static KafkaSettings kafka;

  @BeforeAll
  static void startCluster() {
    cluster = CLUSTER.cluster();
    kafka = KafkaSettings.from(Settings.of(Map.of(
        KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        KafkaSettings.REGISTRY_URL, cluster.registryUrl())));
    TopicAdmin.provision(kafka);
  }

  @Test
  void shouldProcessGoodRecordsAndDeadLetterPoisonAndFailingOnes() throws Exception {
    // Given: a good request, a poison pill (not the wire format) and a request whose handling always fails
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "test");
         KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
             "bootstrap.servers", cluster.bootstrapServers(),
             "key.serializer", ByteArraySerializer.class.getName(),
             "value.serializer", ByteArraySerializer.class.getName()))) {
      emitter.send(Topics.INGEST, "good", request("good"));
      emitter.flush();
      raw.send(new ProducerRecord<>(Topics.INGEST.name(), "poison".getBytes(StandardCharsets.UTF_8),
          "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
      emitter.send(Topics.INGEST, "bad", request("bad"));
      emitter.flush();
    }
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger badAttempts = new AtomicInteger();
    BatchHandler<EpisodeRequest> handler = (batch, out) -> {
      for (Delivery<EpisodeRequest> d : batch) {
        if (d.value().getEpisodeId().equals("bad")) {
          badAttempts.incrementAndGet();
          throw new IllegalStateException("cannot handle bad");
        }
        handled.add(d.value().getEpisodeId());
        new StatusPublisher("test").publish(out, d.value().getEpisodeId(), EpisodeState.COMPLETED, null, Map.of(), null);
      }
    };
    LoopConfig config = new LoopConfig(16, Duration.ofMillis(100), 3, Duration.ofMillis(10), Duration.ofMillis(50));

    // When: the loop runs until every record is dealt with
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "loop");
         DeadLetterPublisher dlq = new DeadLetterPublisher(kafka, "test-service");
         WorkerLoop<EpisodeRequest> loop = new WorkerLoop<>("test-worker-0", "loop-it", kafka, config,
             List.of(Topics.INGEST), handler, emitter, dlq)) {
      loop.start();
      List<ConsumerRecord<byte[], byte[]>> dead = readAll(Topics.DEAD_LETTER.name(), 2).stream()
          .filter(r -> header(r, DeadLetterPublisher.H_TOPIC).equals(Topics.INGEST.name())).toList();

      // Then: the good record was handled (again when its batch was retried record by record: at-least-once,
      // outputs keyed so replays overwrite) and its output produced; poison and bad went to the DLQ
      assertThat(handled).containsOnly("good").hasSizeBetween(1, 2);
      assertThat(badAttempts.get()).isEqualTo(1 + 3); // the batch attempt, then 3 single attempts
      assertThat(dead).hasSize(2);
      ConsumerRecord<byte[], byte[]> poison = dead.stream()
          .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("poison")).findFirst().orElseThrow();
      assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
      assertThat(header(poison, DeadLetterPublisher.H_STAGE)).isEqualTo("deserialize");
      assertThat(header(poison, DeadLetterPublisher.H_TOPIC)).isEqualTo(Topics.INGEST.name());
      assertThat(header(poison, DeadLetterPublisher.H_SERVICE)).isEqualTo("test-service");
      assertThat(header(poison, DeadLetterPublisher.H_EXCEPTION_CLASS)).isNotBlank();
      ConsumerRecord<byte[], byte[]> bad = dead.stream()
          .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("bad")).findFirst().orElseThrow();
      assertThat(header(bad, DeadLetterPublisher.H_STAGE)).isEqualTo("handle");
      assertThat(header(bad, DeadLetterPublisher.H_EXCEPTION_MESSAGE)).isEqualTo("cannot handle bad");
      assertThat(Long.parseLong(header(bad, DeadLetterPublisher.H_OFFSET))).isGreaterThanOrEqualTo(0);
      assertThat(Integer.parseInt(header(bad, DeadLetterPublisher.H_PARTITION))).isBetween(0, Topics.INGEST.partitions() - 1);
    }

    // And: offsets were committed past all three records, so a restart does not see them again
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", cluster.bootstrapServers(), "group.id", "loop-it",
        "key.deserializer", StringDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName()))) {
      long committed = c.committed(java.util.Set.copyOf(partitions(c, Topics.INGEST.name()))).values().stream()
          .filter(java.util.Objects::nonNull).mapToLong(o -> o.offset()).sum();
      assertThat(committed).isEqualTo(3);
    }
    assertThat(statusEvents()).anyMatch(s -> s.getEpisodeId().equals("good") && s.getState() == EpisodeState.COMPLETED);
  }

  @Test
  void shouldGiveUpARecordThatKillsItsLoopThreeTimesAndProcessTheRestOnce() throws Exception {
    // Given six records in one partition, the third of which kills whoever processes it (an Error escapes the
    // handler: the loop dies without committing, as a process dying in a native call would)
    List<String> ids = List.of("a", "b", "killer", "c", "d", "e");
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "test")) {
      ids.forEach(id -> emitter.send(Topics.DECODE_CHUNKS, "one-partition", request(id)));
      emitter.flush();
    }
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    List<Integer> killerBatches = Collections.synchronizedList(new ArrayList<>());
    List<String> replaced = Collections.synchronizedList(new ArrayList<>());
    BatchHandler<EpisodeRequest> handler = new BatchHandler<>() {
      @Override
      public void handle(List<Delivery<EpisodeRequest>> batch, Emitter out) {
        if (batch.stream().anyMatch(d -> d.value().getEpisodeId().equals("killer"))) {
          killerBatches.add(batch.size());
          throw new Error("simulated native crash");
        }
        batch.forEach(d -> handled.add(d.value().getEpisodeId()));
      }

      @Override
      public void onCrashed(Delivery<EpisodeRequest> record, String reason, Emitter out) {
        replaced.add(record.value().getEpisodeId() + " " + reason);
      }
    };
    LoopConfig config = new LoopConfig(16, Duration.ofMillis(100), 3, Duration.ofMillis(10), Duration.ofMillis(50))
        .withMaxRecordAttempts(3);

    // When loops of one group take the partition one after the other, each after the last one died
    int deaths = 0;
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "loop");
         DeadLetterPublisher dlq = new DeadLetterPublisher(kafka, "test-service")) {
      for (int owner = 0; owner < 5 && replaced.isEmpty(); owner++) {
        try (WorkerLoop<EpisodeRequest> loop = new WorkerLoop<>("attempts-worker-" + owner, "attempts-it", kafka,
            config, List.of(Topics.DECODE_CHUNKS), handler, emitter, dlq)) {
          loop.start();
          long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
          while (loop.isRunning() && handled.size() < ids.size() - 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
          }
          if (!loop.isRunning()) {
            assertThat(loop.fatalError()).hasMessage("simulated native crash");
            deaths++;
          }
        }
      }
      List<ConsumerRecord<byte[], byte[]>> dead = readAll(Topics.DEAD_LETTER.name(), 1).stream()
          .filter(r -> header(r, DeadLetterPublisher.H_TOPIC).equals(Topics.DECODE_CHUNKS.name())).toList();

      // Then three loops died: the whole batch, then the killer alone twice; the fourth gave it up
      assertThat(deaths).isEqualTo(3);
      assertThat(killerBatches).containsExactly(6, 1, 1);
      // And every other record was processed exactly once (a and b alone after the first death, c-e after the
      // give-up); the killer is on the dead-letter topic with its reason, and the handler replaced it
      assertThat(handled).containsExactly("a", "b", "c", "d", "e");
      assertThat(replaced).singleElement().asString().startsWith("killer crashed:").contains("3 times");
      assertThat(dead).singleElement().satisfies(r -> {
        assertThat(header(r, DeadLetterPublisher.H_STAGE)).isEqualTo(RecordAttempts.DEAD_LETTER_STAGE);
        assertThat(header(r, DeadLetterPublisher.H_EXCEPTION_MESSAGE)).startsWith("crashed:");
        assertThat(header(r, DeadLetterPublisher.H_OFFSET)).isEqualTo("2");
      });
    }
  }

  @Test
  void shouldCommitOncePerIntervalInsteadOfAfterEveryPoll() throws Exception {
    // Given five status events of one key (one partition), on a topic the other tests only read, one per poll
    List<String> ids = List.of("interval-a", "interval-b", "interval-c", "interval-d", "interval-e");
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "test")) {
      ids.forEach(id -> emitter.send(Topics.STATUS, "interval", EpisodeStatus.newBuilder().setEpisodeId("interval")
          .setStage(id).setState(EpisodeState.PROGRESS).setAtMs(1L).setCounters(Map.of()).build()));
      emitter.flush();
    }
    LoopConfig everyPoll = new LoopConfig(1, Duration.ofMillis(100), 3, Duration.ofMillis(10), Duration.ofMillis(50));

    // When one loop commits after every poll and another (its own group) at most once in 8 s
    Committed perPoll = runUntilCommitted("interval-every-poll", everyPoll, ids);
    Committed perInterval = runUntilCommitted("interval-8s", everyPoll.withCommitInterval(Duration.ofSeconds(8)),
        ids);

    // Then while the third record is handled, the first loop has committed the two before it and the second nothing
    assertThat(perPoll.atThird()).isEqualTo(perPoll.third());
    assertThat(perInterval.atThird()).isNull();
    // And both committed past the fifth: the second at a poll once its interval had passed, though nothing came
    assertThat(perPoll.atEnd()).isEqualTo(perPoll.third() + 3);
    assertThat(perInterval.atEnd()).isEqualTo(perInterval.third() + 3);
  }

  /**
   * What a loop of group {@code group} had committed for the partition of {@code ids} while handling the third of
   * them, and after handling all of them.
   */
  private record Committed(long third, Long atThird, Long atEnd) {
  }

  private Committed runUntilCommitted(String group, LoopConfig config, List<String> ids) throws Exception {
    List<Long> thirdOffset = Collections.synchronizedList(new ArrayList<>());
    List<Integer> thirdPartition = Collections.synchronizedList(new ArrayList<>());
    List<Long> atThird = Collections.synchronizedList(new ArrayList<>());
    List<String> handled = Collections.synchronizedList(new ArrayList<>());
    BatchHandler<EpisodeStatus> handler = (batch, out) -> {
      for (Delivery<EpisodeStatus> d : batch) {
        if (d.value().getStage().equals(ids.get(2))) {
          thirdOffset.add(d.source().offset());
          thirdPartition.add(d.source().partition());
          atThird.add(committed(group, d.source().partition()));
        }
        if (ids.contains(d.value().getStage())) {
          handled.add(d.value().getStage());
        }
      }
    };
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "loop");
         DeadLetterPublisher dlq = new DeadLetterPublisher(kafka, "test-service");
         WorkerLoop<EpisodeStatus> loop = new WorkerLoop<>(group + "-worker-0", group, kafka, config,
             List.of(Topics.STATUS), handler, emitter, dlq)) {
      loop.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (handled.size() < ids.size() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(handled).containsExactlyElementsOf(ids);
      int partition = thirdPartition.get(0);
      long end = thirdOffset.get(0) + 3;
      Long atEnd = committed(group, partition);
      while ((atEnd == null || atEnd < end) && System.nanoTime() < deadline) {
        Thread.sleep(50);
        atEnd = committed(group, partition);
      }
      return new Committed(thirdOffset.get(0), atThird.get(0), atEnd);
    }
  }

  /** The offset {@code group} has committed for a partition of {@link Topics#STATUS}, or null. */
  private static Long committed(String group, int partition) {
    TopicPartition tp = new TopicPartition(Topics.STATUS.name(), partition);
    try (KafkaConsumer<byte[], byte[]> c = groupReader(group)) {
      var o = c.committed(java.util.Set.of(tp)).get(tp);
      return o == null ? null : o.offset();
    }
  }

  private static KafkaConsumer<byte[], byte[]> groupReader(String group) {
    return new KafkaConsumer<>(Map.of(
        "bootstrap.servers", cluster.bootstrapServers(), "group.id", group,
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName()));
  }

  private static EpisodeRequest request(String id) {
    return EpisodeRequest.newBuilder().setEpisodeId(id).setVideoUri("/nowhere/" + id + ".mp4")
        .setRequestedAtMs(1L).build();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
    return c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", cluster.bootstrapServers(),
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName()))) {
      List<TopicPartition> parts = partitions(c, topic);
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.currentTimeMillis() + 60_000;
      while (out.size() < expected && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static List<EpisodeStatus> statusEvents() {
    List<EpisodeStatus> out = new ArrayList<>();
    Map<String, Object> p = new java.util.HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, kafka.valueDeserializer());
    try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = partitions(c, Topics.STATUS.name());
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.currentTimeMillis() + 20_000;
      // until a completion: the interval test's progress events share the topic
      while (out.stream().noneMatch(s -> s.getState() == EpisodeState.COMPLETED)
          && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add((EpisodeStatus) r.value()));
      }
    }
    return out;
  }
}
