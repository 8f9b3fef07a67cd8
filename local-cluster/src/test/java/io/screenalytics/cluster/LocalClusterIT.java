package io.screenalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture on whichever path this machine takes ({@link ClusterMode#AUTO}: containers where a Docker engine
 * answers, else in-process); the same tests on both.
 */
class LocalClusterIT {

  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = LocalCluster.start(LocalClusterSettings.defaults());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldDeliverARecordToAConsumerGroupAndCommitItsOffset() throws Exception {
    // Given an explicitly created topic
    cluster.broker().createTopics(List.of(new NewTopic("it-episodes", 2, (short) 1)));

    // When a record is produced with acks=all
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(),
        new StringSerializer(), new StringSerializer())) {
      sent = producer.send(new ProducerRecord<>("it-episodes", "episode-1", "hello")).get();
    }

    // Then a consumer in a group receives it and commits past it
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    TopicPartition partition = new TopicPartition("it-episodes", sent.partition());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig("it-group"),
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("it-episodes"));
      long deadline = System.nanoTime() + ProgressWait.DEFAULT_STALL.toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
      consumer.commitSync();
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(partition));
      assertThat(committed.get(partition).offset()).isEqualTo(sent.offset() + 1);
    }
    assertThat(received).singleElement().satisfies(record -> {
      assertThat(record.key()).isEqualTo("episode-1");
      assertThat(record.value()).isEqualTo("hello");
    });
  }

  @Test
  void shouldAcceptRecordsLargerThanKafkasOneMegabyteDefault() throws Exception {
    // Given a topic and a producer allowed to send 8 MiB requests
    cluster.broker().createTopics(List.of(new NewTopic("it-large", 1, (short) 1)));
    byte[] value = new byte[5 * 1024 * 1024];
    Arrays.fill(value, (byte) 7);
    Map<String, Object> config = new java.util.HashMap<>(producerConfig());
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);

    // When a 5 MiB record is sent
    RecordMetadata sent;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config,
        new ByteArraySerializer(), new ByteArraySerializer())) {
      sent = producer.send(new ProducerRecord<>("it-large", value)).get();
    }

    // Then the broker stores it whole
    assertThat(sent.serializedValueSize()).isEqualTo(value.length);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig("it-large-group"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("it-large"));
      List<byte[]> values = new ArrayList<>();
      long deadline = System.nanoTime() + ProgressWait.DEFAULT_STALL.toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      assertThat(values).singleElement().isEqualTo(value);
    }
  }

  @Test
  void shouldNotAutoCreateTopics() {
    // Given a producer that waits at most 2 s for metadata
    Map<String, Object> config = new java.util.HashMap<>(producerConfig());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config,
        new StringSerializer(), new StringSerializer())) {
      // When it sends to a topic nobody created, Then the send fails instead of creating the topic
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("it-never-created", "v")).get())
          .isInstanceOfAny(ExecutionException.class, org.apache.kafka.common.errors.TimeoutException.class);
    }
  }

  @Test
  void shouldServeTheConfluentCompatibleRegistryApi() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Ping\\\","
        + "\\\"fields\\\":[{\\\"name\\\":\\\"n\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

    // When a schema is registered twice under a subject
    HttpRequest register = HttpRequest.newBuilder(URI.create(cluster.registryUrl() + "/subjects/it-ping-value/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(schema)).build();
    HttpResponse<String> first = http.send(register, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second = http.send(register, HttpResponse.BodyHandlers.ofString());

    // Then both answers carry the same id, and the subject is listed
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).matches("\\{\"id\":\\d+}");
    assertThat(second.body()).isEqualTo(first.body());
    HttpResponse<String> subjects = http.send(
        HttpRequest.newBuilder(URI.create(cluster.registryUrl() + "/subjects")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.body()).contains("\"it-ping-value\"");
    assertThat(cluster.registryUrl()).startsWith("http://").endsWith("/apis/ccompat/v7");
  }

  @Test
  void shouldWriteTheRegistryOutputToItsLogFileNotTheConsole() throws Exception {
    assumeTrue(cluster.mode() == ClusterMode.IN_PROCESS, "the registry runs as a child process only in-process");
    SchemaRegistryProcess registry = cluster.registryProcess().orElseThrow();
    Path logFile = registry.logFile();
    assertThat(logFile).exists();
    assertThat(Files.readString(logFile)).contains("Installed features");
  }

  @Test
  void shouldUseAnExternalRegistryInsteadOfStartingOne() {
    // Given a registry already running (this class's own)
    LocalClusterSettings settings = LocalClusterSettings.defaults()
        .withExternalRegistry(URI.create(cluster.registryUrl()));

    // When a second cluster starts with it, Then it starts no registry process and hands out that URL
    try (LocalCluster second = LocalCluster.start(settings)) {
      assertThat(second.registryProcess()).isEmpty();
      assertThat(second.registryUrl()).isEqualTo(cluster.registryUrl());
      assertThat(second.bootstrapServers()).isNotEqualTo(cluster.bootstrapServers());
    }
  }

  private static Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.CLIENT_ID_CONFIG, "local-cluster-it-producer");
  }

  private static Map<String, Object> consumerConfig(String groupId) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, groupId,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "local-cluster-it-consumer");
  }
}
