package io.screenalytics.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent Schema Registry wire format ({@link WireFormat}: magic byte 0, 4-byte big-endian schema id,
 * Avro binary), fetching the writer's schema by id from the registry (once per id).
 *
 * <p>Returns, for a record, enum or fixed: an instance of the generated {@code SpecificRecord} class of the same
 * full name when it is on the classpath and {@code specific.avro.reader} is true (the default), the writer's schema
 * resolved to the class's own schema (added fields take their defaults); otherwise a {@code GenericRecord} (or
 * generic enum/fixed). Top-level primitives come back as Java types ({@code String}, {@code byte[]},
 * {@code Integer}, ...). {@code null} deserializes to {@code null} (a tombstone).
 *
 * <p>Errors: every failure is a Kafka {@link SerializationException} naming the topic, the subject
 * ({@code <topic>-value} / {@code <topic>-key}) and the registry URL: data shorter than 5 bytes, unknown magic byte,
 * unknown schema id, registry unreachable, or Avro bytes that do not decode with the writer's schema.
 * A consumer should treat them as a poison pill (dead-letter the original bytes), not retry them.
 *
 * <p>Thread-safe once configured.
 */
public final class RegistryAvroDeserializer implements Deserializer<Object> {

  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private SchemaRegistryClient client;
  private SpecificData specificData;
  private boolean specific;
  private boolean isKey;

  /** For Kafka: configured through {@link #configure(Map, boolean)} by the consumer. */
  public RegistryAvroDeserializer() {
  }

  /**
   * Reads {@link RegistryAvroSerdeConfig} from {@code configs} and opens a registry client. Generated classes are
   * loaded through the thread context class loader of the configuring thread (else this class's loader).
   *
   * @param isKey true if this deserializes keys (used in error messages: subject {@code <topic>-key})
   * @throws org.apache.kafka.common.config.ConfigException if {@code schema.registry.url} is missing or invalid
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    RegistryAvroSerdeConfig config = new RegistryAvroSerdeConfig(configs);
    close();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    this.specificData = new SpecificData(loader != null ? loader : RegistryAvroDeserializer.class.getClassLoader());
    this.client = new SchemaRegistryClient(config.schemaRegistryUrl());
    this.specific = config.specificAvroReader();
    this.isKey = isKey;
    readers.clear();
  }

  /**
   * Reads one datum.
   *
   * @return the datum, or null if {@code data} is null
   * @throws SerializationException as described in the class documentation
   * @throws IllegalStateException  if not configured
   */
  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("RegistryAvroDeserializer used before configure()");
    }
    String subject = Subjects.topicName(topic, isKey);
    int id;
    try {
      id = WireFormat.readSchemaId(data);
    } catch (IllegalArgumentException e) {
      throw new SerializationException(e.getMessage() + "; " + context(topic, subject));
    }
    DatumReader<Object> reader = reader(id, topic, subject);
    try {
      BinaryDecoder decoder = DecoderFactory.get()
          .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
      return topLevel(reader.read(null, decoder));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode " + (data.length - WireFormat.HEADER_SIZE)
          + " Avro bytes with schema id " + id + ": " + e + "; " + context(topic, subject), e);
    }
  }

  /** Closes the registry client. */
  @Override
  public void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  private DatumReader<Object> reader(int id, String topic, String subject) {
    DatumReader<Object> cached = readers.get(id);
    if (cached != null) {
      return cached;
    }
    Schema writer;
    try {
      writer = client.schemaById(id);
    } catch (SchemaRegistryException e) {
      String problem = e.isNotFound() ? "unknown schema id " + id
          : e.isUnreachable() ? "schema registry unreachable fetching schema id " + id
          : "schema registry failed fetching schema id " + id;
      throw new SerializationException(problem + " (" + e.getMessage() + "); " + context(topic, subject), e);
    }
    DatumReader<Object> reader = newReader(writer);
    DatumReader<Object> previous = readers.putIfAbsent(id, reader);
    return previous != null ? previous : reader;
  }

  @SuppressWarnings("unchecked")
  private DatumReader<Object> newReader(Schema writer) {
    boolean named = writer.getType() == Schema.Type.RECORD || writer.getType() == Schema.Type.ENUM
        || writer.getType() == Schema.Type.FIXED;
    Class<?> generated = specific && named ? specificData.getClass(writer) : null;
    if (generated != null) {
      Schema readerSchema = specificData.getSchema(generated);
      return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, readerSchema, specificData);
    }
    return new GenericDatumReader<>(writer, writer, GenericData.get());
  }

  private static Object topLevel(Object value) {
    if (value instanceof Utf8 utf8) {
      return utf8.toString();
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
    return value;
  }

  private String context(String topic, String subject) {
    return "topic '" + topic + "', subject '" + subject + "', registry " + client.baseUrl();
  }
}
