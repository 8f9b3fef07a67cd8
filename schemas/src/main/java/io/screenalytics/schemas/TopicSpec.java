package io.screenalytics.schemas;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Declaration of one Kafka topic: its name, key, value schema, partitions and limits.
 *
 * <p>Topics are created from these declarations at start-up (broker auto-create stays off), and the
 * deployment files are checked against them.
 *
 * @param name            topic name
 * @param keyDescription  what the (string) key holds, for example {@code episode_id}
 * @param valueSchema     Avro schema of the value, or {@code null} for raw bytes (the dead-letter topic)
 * @param partitions      partition count
 * @param maxMessageBytes topic {@code max.message.bytes}, bytes
 * @param retention       topic {@code retention.ms}
 * @param description     one line on what flows through it
 */
public record TopicSpec(
    String name,
    String keyDescription,
    Schema valueSchema,
    int partitions,
    int maxMessageBytes,
    Duration retention,
    String description) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1 for " + name);
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes must be >= 1024 for " + name);
    }
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
