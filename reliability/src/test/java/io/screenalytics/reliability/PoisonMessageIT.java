package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.RawRecords;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.InProcessPipeline;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.DeadLetterPublisher;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record no service can read, on every service's input topic, goes to the dead-letter topic with its
 * original bytes and context headers, and the services go on: an episode pushed after the poison completes.
 */
class PoisonMessageIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  /** Input topic -> services consuming it. */
  private static final Map<String, List<String>> CONSUMERS = Map.of(
      Topics.INGEST.name(), List.of("decoder", "assembly", "voice", "asd"),
      Topics.FRAMES.name(), List.of("detect-track"),
      Topics.FACES.name(), List.of("embed"),
      Topics.EMBEDDINGS.name(), List.of("assembly"),
      Topics.TRACKS.name(), List.of("assembly", "asd"),
      Topics.STATUS.name(), List.of("assembly", "asd"));

  @TempDir
  static Path dir;

  private static LocalCluster cluster;
  private static KafkaSettings kafka;
  private static InProcessPipeline pipeline;

  @BeforeAll
  static void start() {
    cluster = CLUSTER.cluster();
    Settings settings = Settings.of(Map.of(
        KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        KafkaSettings.REGISTRY_URL, cluster.registryUrl(),
        "store.root", dir.resolve("store").toString()));
    kafka = KafkaSettings.from(settings);
    TopicAdmin.provision(kafka);
    pipeline = InProcessPipeline.start(settings);
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldDeadLetterPoisonOnEveryInputTopicAndKeepServing() throws Exception {
    // Given a record of bytes that are not the wire format, on every input topic
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
        "bootstrap.servers", cluster.bootstrapServers(),
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName()))) {
      for (String topic : CONSUMERS.keySet()) {
        raw.send(new ProducerRecord<>(topic, ("poison-" + topic).getBytes(StandardCharsets.UTF_8),
            new byte[] {0, 0, 0, 0, 42, 1, 2, 3})).get();
      }
    }

    // When a good episode is pushed after them
    Path good = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/sadtalker_WDA_EdMarkey0_000.mp4");
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      ingestor.push("after-poison", good.toString(), null, 6);
      var end = watcher.awaitWhileProgressing("after-poison", s -> { });

      // Then the episode completes
      assertThat(end).isPresent();
      assertThat(end.get().getState()).isEqualTo(EpisodeState.COMPLETED);
    }

    // And every (topic, service) pair dead-lettered its poison with the original bytes and context
    Set<String> expected = new HashSet<>();
    CONSUMERS.forEach((topic, services) -> services.forEach(s -> expected.add(topic + " " + s)));
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : readDeadLetters(expected.size())) {
      String topic = header(r, DeadLetterPublisher.H_TOPIC);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("poison-" + topic);
      assertThat(r.value()).containsExactly(0, 0, 0, 0, 42, 1, 2, 3);
      assertThat(header(r, DeadLetterPublisher.H_STAGE)).isEqualTo("deserialize");
      assertThat(header(r, DeadLetterPublisher.H_EXCEPTION_CLASS)).isNotBlank();
      assertThat(header(r, DeadLetterPublisher.H_OFFSET)).matches("\\d+");
      seen.add(topic + " " + header(r, DeadLetterPublisher.H_SERVICE));
    }
    assertThat(seen).isEqualTo(expected);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
    return RawRecords.read(cluster.bootstrapServers(), new TopicPartition(Topics.DEAD_LETTER.name(), 0), expected,
        ProgressWait.DEFAULT_STALL);
  }
}
