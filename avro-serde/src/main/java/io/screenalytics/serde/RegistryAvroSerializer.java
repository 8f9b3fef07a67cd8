package io.screenalytics.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro data into the Confluent Schema Registry wire format ({@link WireFormat}: magic byte 0, 4-byte
 * big-endian schema id, Avro binary), registering the schema under {@code <topic>-value} or {@code <topic>-key}.
 *
 * <p>Accepts {@link SpecificRecord} (generated classes, written with {@link SpecificDatumWriter}), any other
 * {@link GenericContainer} ({@code GenericRecord}, enums, fixed, arrays), and the Avro primitives as Java types:
 * {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code CharSequence},
 * {@code byte[]} and {@code ByteBuffer}. {@code null} serializes to {@code null} (a tombstone).
 *
 * <p>Configure with {@link RegistryAvroSerdeConfig}: {@code schema.registry.url} (required),
 * {@code auto.register.schemas} (default true). With auto-registration off, the schema must already be registered
 * under the subject. After the first record of a schema no registry request is made.
 *
 * <p>Errors: every failure is a Kafka {@link SerializationException} naming the topic, the subject and the registry
 * URL: registry unreachable or refusing the schema (e.g. incompatible), schema not registered (auto-registration
 * off), unsupported Java type, or a datum that does not match its schema.
 *
 * <p>Thread-safe once configured, as Kafka producers require.
 */
public final class RegistryAvroSerializer implements Serializer<Object> {

  private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
  private static final Schema INT = Schema.create(Schema.Type.INT);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
  private SchemaRegistryClient client;
  private boolean autoRegister;
  private boolean isKey;

  /** For Kafka: configured through {@link #configure(Map, boolean)} by the producer. */
  public RegistryAvroSerializer() {
  }

  /**
   * Reads {@link RegistryAvroSerdeConfig} from {@code configs} and opens a registry client.
   *
   * @param isKey true to use the {@code <topic>-key} subject, false for {@code <topic>-value}
   * @throws org.apache.kafka.common.config.ConfigException if {@code schema.registry.url} is missing or invalid
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    RegistryAvroSerdeConfig config = new RegistryAvroSerdeConfig(configs);
    close();
    this.client = new SchemaRegistryClient(config.schemaRegistryUrl());
    this.autoRegister = config.autoRegisterSchemas();
    this.isKey = isKey;
  }

  /**
   * Writes {@code data} in the wire format.
   *
   * @return the bytes, or null if {@code data} is null
   * @throws SerializationException as described in the class documentation
   * @throws IllegalStateException  if not configured
   */
  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("RegistryAvroSerializer used before configure()");
    }
    String subject = Subjects.topicName(topic, isKey);
    Schema schema = schemaOf(data, topic, subject);
    int id = schemaId(subject, schema, topic);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    WireFormat.writeHeader(out, id);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer(data, schema).write(data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot write " + schema.getFullName() + " (schema id " + id + ") as Avro: "
          + e.getMessage() + "; " + context(topic, subject), e);
    }
    return out.toByteArray();
  }

  /** Closes the registry client. */
  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private int schemaId(String subject, Schema schema, String topic) {
    try {
      return autoRegister ? client.register(subject, schema) : client.lookup(subject, schema);
    } catch (SchemaRegistryException e) {
      String problem = !autoRegister && e.isNotFound()
          ? "schema " + schema.getFullName() + " is not registered under the subject and "
              + RegistryAvroSerdeConfig.AUTO_REGISTER_SCHEMAS + " is false"
          : e.isUnreachable() ? "schema registry unreachable" : "schema registry refused the schema";
      throw new SerializationException(problem + " (" + e.getMessage() + "); " + context(topic, subject), e);
    }
  }

  @SuppressWarnings("unchecked")
  private DatumWriter<Object> writer(Object data, Schema schema) {
    if (data instanceof SpecificRecord) {
      return specificWriters.computeIfAbsent(schema, s -> (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(s));
    }
    return genericWriters.computeIfAbsent(schema, GenericDatumWriter::new);
  }

  private Schema schemaOf(Object data, String topic, String subject) {
    if (data instanceof GenericContainer container) {
      return container.getSchema();
    } else if (data instanceof CharSequence) {
      return STRING;
    } else if (data instanceof Integer) {
      return INT;
    } else if (data instanceof Long) {
      return LONG;
    } else if (data instanceof Boolean) {
      return BOOLEAN;
    } else if (data instanceof Double) {
      return DOUBLE;
    } else if (data instanceof Float) {
      return FLOAT;
    } else if (data instanceof byte[] || data instanceof ByteBuffer) {
      return BYTES;
    }
    throw new SerializationException("cannot serialize a " + data.getClass().getName()
        + " as Avro: not a GenericContainer (record, enum, fixed, array) nor an Avro primitive; "
        + context(topic, subject));
  }

  private String context(String topic, String subject) {
    return "topic '" + topic + "', subject '" + subject + "', registry " + client.baseUrl();
  }
}
