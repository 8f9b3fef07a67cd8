package io.screenalytics.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Declaration of one Kafka topic: its name, key and value types, value schema, partitions and limits (as
 * kafka-streams-examples' {@code Schemas.Topic}). Producers send through {@code Emitter.send(Topic<String, V>, String,
 * V)}, so a value of the wrong type does not compile; consumers find a record's topic by its value type.
 *
 * <p>Topics are created from these declarations at start-up (broker auto-create stays off), and the
 * deployment files are checked against them. Immutable.
 *
 * @param name            topic name
 * @param keyType         Java type of the key: {@code String} (UTF-8) for the pipeline's topics, {@code byte[]}
 *                        for the dead-letter topic (the original key bytes)
 * @param valueType       Java type of the value: the Avro {@link SpecificRecord} class of {@code valueSchema}, or
 *                        {@code byte[]} for the dead-letter topic (the original value bytes)
 * @param keyDescription  what the key holds, for example {@code episode_id}
 * @param valueSchema     Avro schema of the value, or {@code null} for raw bytes (the dead-letter topic)
 * @param partitions      partition count, at least 1
 * @param maxMessageBytes topic {@code max.message.bytes}, bytes, at least 1024
 * @param retention       topic {@code retention.ms}
 * @param description     one line on what flows through it
 * @param <K>             key type
 * @param <V>             value type
 */
public record Topic<K, V>(
    String name,
    Class<K> keyType,
    Class<V> valueType,
    String keyDescription,
    Schema valueSchema,
    int partitions,
    int maxMessageBytes,
    Duration retention,
    String description) {

  /**
   * @throws IllegalArgumentException when partitions or the message size are out of range
   */
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1 for " + name);
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes must be >= 1024 for " + name);
    }
  }

  /**
   * A topic of string keys and Avro values of {@code valueType}, whose schema is the generated class's own.
   *
   * @throws IllegalArgumentException when partitions or the message size are out of range
   */
  public static <V extends SpecificRecord> Topic<String, V> avro(String name, String keyDescription,
      Class<V> valueType, int partitions, int maxMessageBytes, Duration retention, String description) {
    return new Topic<>(name, String.class, valueType, keyDescription, SpecificData.get().getSchema(valueType),
        partitions, maxMessageBytes, retention, description);
  }

  /** Schema registry subject of the value under the topic-name strategy: {@code <topic>-value}. */
  public String valueSubject() {
    return name + "-value";
  }

  /** Topic-level configs to create the topic with. */
  public Map<String, String> topicConfigs() {
    return Map.of(
        "max.message.bytes", Integer.toString(maxMessageBytes),
        "retention.ms", Long.toString(retention.toMillis()));
  }
}
