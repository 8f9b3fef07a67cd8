package io.screenalytics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.serde.test.TestFace;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serde against the real Apicurio registry (child process) and a real broker (in-process). */
class RegistryAvroSerdeIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = CLUSTER.cluster();
  }

  @Test
  void shouldRoundTripSpecificRecordsAndTombstonesThroughAKafkaTopic() {
    // Given a topic, and a producer with the serde for keys and values
    cluster.broker().createTopics(List.of(new NewTopic("it-faces", 1, (short) 1)));
    TestFace face = face("episode-1", 42);

    // When a record and a tombstone are produced
    try (KafkaProducer<Object, Object> producer = new KafkaProducer<>(clientConfig(Map.of()),
        serializer(true, Map.of()), serializer(false, Map.of()))) {
      producer.send(new ProducerRecord<>("it-faces", "episode-1", face));
      producer.send(new ProducerRecord<>("it-faces", "episode-1", null));
    }

    // Then a consumer reads back the generated class, the String key, and the null value
    List<ConsumerRecord<Object, Object>> records = consume("it-faces", 2, Map.of());
    assertThat(records).hasSize(2);
    assertThat(records.get(0).key()).isEqualTo("episode-1");
    assertThat(records.get(0).value()).isInstanceOf(TestFace.class).isEqualTo(face);
    assertThat(records.get(1).value()).isNull();
  }

  @Test
  void shouldRetryARegistryThatDropsTheFirstConnections() throws Exception {
    // Given the real registry behind a network that resets the first two connections
    try (FlakyProxy proxy = new FlakyProxy(cluster.registryUrl(), 2);
         SchemaRegistryClient flaky = new SchemaRegistryClient(proxy.url(cluster.registryUrl()));
         SchemaRegistryClient direct = new SchemaRegistryClient(cluster.registryUrl())) {
      // When a schema is registered through it
      int id = flaky.register("it-flaky-value", TestFace.getClassSchema());

      // Then the third attempt got through, with the id the registry gives that schema
      assertThat(proxy.accepted()).isGreaterThanOrEqualTo(3);
      assertThat(direct.lookup("it-flaky-value", TestFace.getClassSchema())).isEqualTo(id);
    }
  }

  @Test
  void shouldWriteTheRegistrysIdInTheWireFormatHeader() {
    try (RegistryAvroSerializer serializer = serializer(false, Map.of());
         SchemaRegistryClient client = new SchemaRegistryClient(cluster.registryUrl())) {
      byte[] bytes = serializer.serialize("it-header", face("episode-2", 7));

      int registered = client.lookup("it-header-value", TestFace.getClassSchema());
      assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
      assertThat(WireFormat.readSchemaId(bytes)).isEqualTo(registered);
    }
  }

  @Test
  void shouldGiveTheSameSchemaTheSameIdFromFreshSerializers() {
    try (RegistryAvroSerializer first = serializer(false, Map.of());
         RegistryAvroSerializer second = serializer(false, Map.of())) {
      int a = WireFormat.readSchemaId(first.serialize("it-same", face("e", 1)));
      int b = WireFormat.readSchemaId(second.serialize("it-same", face("e", 2)));
      assertThat(a).isEqualTo(b);
    }
  }

  @Test
  void shouldSetBackwardCompatibilityOnTheSubjectsItRegisters() {
    try (RegistryAvroSerializer serializer = serializer(false, Map.of());
         SchemaRegistryClient client = new SchemaRegistryClient(cluster.registryUrl())) {
      // When the serializer writes the first record of a topic
      serializer.serialize("it-compat", face("e", 1));

      // Then the subject it registered under has its own compatibility level, BACKWARD
      assertThat(client.compatibility("it-compat-value")).isEqualTo(SchemaRegistryClient.SUBJECT_COMPATIBILITY)
          .isEqualTo("BACKWARD");
    }
  }

  @Test
  void shouldRefuseASchemaThatCannotReadTheSubjectsData() {
    Schema v2 = evolved("{\"name\":\"ordinal\",\"type\":\"int\",\"default\":0}");
    Schema incompatible = evolved("{\"name\":\"ordinal\",\"type\":\"int\"}");
    try (SchemaRegistryClient writer = new SchemaRegistryClient(cluster.registryUrl());
         SchemaRegistryClient upgraded = new SchemaRegistryClient(cluster.registryUrl())) {
      // Given a subject registered by a service (compatibility BACKWARD)
      int v1Id = writer.register("it-backward-value", TestFace.getClassSchema());

      // When a later version adds a field without a default (it could not read the records already written),
      // Then the registry refuses it with 409
      assertThatThrownBy(() -> upgraded.register("it-backward-value", incompatible))
          .isInstanceOf(SchemaRegistryException.class)
          .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
      // When it adds the field with a default, Then it is accepted as a new version
      assertThat(upgraded.register("it-backward-value", v2)).isNotEqualTo(v1Id);
      // And the subject keeps its level
      assertThat(upgraded.compatibility("it-backward-value")).isEqualTo("BACKWARD");
    }
  }

  @Test
  void shouldReturnGenericRecordsForSchemasWithoutAGeneratedClass() {
    Schema schema = new Schema.Parser().parse("""
        {"type":"record","name":"Ping","namespace":"io.screenalytics.serde.it",
         "fields":[{"name":"n","type":"int"},{"name":"note","type":"string"}]}""");
    GenericRecord ping = new GenericData.Record(schema);
    ping.put("n", 3);
    ping.put("note", "hello");

    try (RegistryAvroSerializer serializer = serializer(false, Map.of());
         RegistryAvroDeserializer deserializer = deserializer(false, Map.of())) {
      Object read = deserializer.deserialize("it-ping", serializer.serialize("it-ping", ping));

      assertThat(read).isInstanceOf(GenericRecord.class);
      assertThat(((GenericRecord) read).get("n")).isEqualTo(3);
      assertThat(((GenericRecord) read).get("note")).hasToString("hello");
    }
  }

  @Test
  void shouldResolveAnOlderWriterSchemaToTheGeneratedClass() {
    // Given a record written with version 1 of TestFace, before "score" was added
    Schema v1 = new Schema.Parser().parse("""
        {"type":"record","name":"TestFace","namespace":"io.screenalytics.serde.test","fields":[
         {"name":"episodeId","type":"string"},{"name":"frameIndex","type":"long"},
         {"name":"box","type":{"type":"array","items":"float"}},{"name":"embedding","type":"bytes"},
         {"name":"label","type":["null","string"],"default":null}]}""");
    GenericRecord old = new GenericData.Record(v1);
    old.put("episodeId", "episode-3");
    old.put("frameIndex", 9L);
    old.put("box", List.of(1f, 2f, 3f, 4f));
    old.put("embedding", ByteBuffer.wrap(new byte[] {5, 6}));
    old.put("label", "anchor");

    try (RegistryAvroSerializer serializer = serializer(false, Map.of());
         RegistryAvroDeserializer specific = deserializer(false, Map.of());
         RegistryAvroDeserializer generic = deserializer(false,
                 Map.of(RegistryAvroSerdeConfig.SPECIFIC_AVRO_READER, false))) {
      byte[] bytes = serializer.serialize("it-evolve", old);

      // When read with the generated class on the classpath, Then it is a TestFace with the new field's default
      TestFace read = (TestFace) specific.deserialize("it-evolve", bytes);
      assertThat(read.getEpisodeId()).isEqualTo("episode-3");
      assertThat(read.getLabel()).isEqualTo("anchor");
      assertThat(read.getScore()).isEqualTo(0.5f);
      // And with specific.avro.reader=false it stays a GenericRecord of the writer's schema
      assertThat(generic.deserialize("it-evolve", bytes)).isInstanceOf(GenericData.Record.class)
          .extracting(r -> ((GenericRecord) r).getSchema()).isEqualTo(v1);
    }
  }

  @Test
  void shouldFailOnAnUnknownSchemaIdNamingTopicSubjectAndRegistry() {
    byte[] unknownId = {0, 0x7f, (byte) 0xff, (byte) 0xff, 0x01, 2, 'h', 'i'};

    try (RegistryAvroDeserializer deserializer = deserializer(false, Map.of())) {
      assertThatThrownBy(() -> deserializer.deserialize("it-unknown", unknownId))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("unknown schema id " + 0x7fffff01)
          .hasMessageContaining("'it-unknown-value'")
          .hasMessageContaining(cluster.registryUrl());
    }
  }

  @Test
  void shouldOnlyLookUpSchemasWhenAutoRegistrationIsOff() {
    Map<String, Object> lookupOnly = Map.of(RegistryAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
    try (RegistryAvroSerializer strict = serializer(false, lookupOnly);
         RegistryAvroSerializer registering = serializer(false, Map.of())) {
      // Given no schema under it-strict-value, When the lookup-only serializer writes, Then it fails
      assertThatThrownBy(() -> strict.serialize("it-strict", face("e", 1)))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("not registered")
          .hasMessageContaining("'it-strict-value'");

      // Given the schema is registered by someone else, Then the lookup-only serializer finds its id
      int registered = WireFormat.readSchemaId(registering.serialize("it-strict", face("e", 1)));
      assertThat(WireFormat.readSchemaId(strict.serialize("it-strict", face("e", 2)))).isEqualTo(registered);
    }
  }

  @Test
  void shouldStopAConsumerAtAPoisonPillWithItsOffset() {
    // Given a topic holding bytes that are not in the wire format
    cluster.broker().createTopics(List.of(new NewTopic("it-poison", 1, (short) 1)));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clientConfig(Map.of()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("it-poison", "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    // When a consumer with the serde polls, Then it learns which record failed and why
    assertThatThrownBy(() -> consume("it-poison", 1, Map.of()))
        .isInstanceOf(RecordDeserializationException.class)
        .satisfies(e -> assertThat(((RecordDeserializationException) e).offset()).isZero())
        .cause()
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown magic byte 0x6e");
  }

  /** TestFace with one more field, given as JSON. */
  private static Schema evolved(String field) {
    String schema = TestFace.getClassSchema().toString();
    return new Schema.Parser().parse(schema.substring(0, schema.lastIndexOf(']')) + "," + field
        + schema.substring(schema.lastIndexOf(']')));
  }

  private static TestFace face(String episodeId, long frame) {
    return TestFace.newBuilder()
        .setEpisodeId(episodeId)
        .setFrameIndex(frame)
        .setBox(List.of(10f, 20f, 64f, 80f))
        .setEmbedding(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
        .setLabel(null)
        .setScore(0.93f)
        .build();
  }

  private static Map<String, Object> serdeConfig(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(RegistryAvroSerdeConfig.SCHEMA_REGISTRY_URL, cluster.registryUrl());
    return config;
  }

  private static RegistryAvroSerializer serializer(boolean isKey, Map<String, Object> extra) {
    RegistryAvroSerializer serializer = new RegistryAvroSerializer();
    serializer.configure(serdeConfig(extra), isKey);
    return serializer;
  }

  private static RegistryAvroDeserializer deserializer(boolean isKey, Map<String, Object> extra) {
    RegistryAvroDeserializer deserializer = new RegistryAvroDeserializer();
    deserializer.configure(serdeConfig(extra), isKey);
    return deserializer;
  }

  private static Map<String, Object> clientConfig(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    return config;
  }

  private static List<ConsumerRecord<Object, Object>> consume(String topic, int count, Map<String, Object> extra) {
    Map<String, Object> config = clientConfig(extra);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
    try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(config,
        deserializer(true, Map.of()), deserializer(false, Map.of()))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + ProgressWait.DEFAULT_STALL.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
