package io.screenalytics.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How the catalogue's topics are created on a cluster: replicas per partition and the replicas that must have a
 * record before an {@code acks=all} write succeeds. Both default to the brokers' own defaults
 * ({@code default.replication.factor}, {@code min.insync.replicas}); a production cluster of 3 brokers sets
 * {@code topics.replication.factor=3} and {@code topics.min.insync.replicas=2}, so that any one broker may die
 * without losing an acknowledged record or stopping writes.
 *
 * @param replicationFactor replicas per partition, empty for the brokers' default
 * @param minInsyncReplicas the topic's {@code min.insync.replicas}, empty for the brokers' default
 */
public record TopicSettings(Optional<Short> replicationFactor, Optional<Integer> minInsyncReplicas) {

  public static final String REPLICATION_FACTOR = "topics.replication.factor";
  public static final String MIN_INSYNC_REPLICAS = "topics.min.insync.replicas";

  /** Declarations of these settings. */
  public static final ConfigDef DEF = new ConfigDef()
      .define(REPLICATION_FACTOR, Type.INT, 0, Range.between(0, Short.MAX_VALUE), Importance.HIGH,
          "Replicas per partition of every catalogue topic; 0 = the brokers' default.replication.factor.")
      .define(MIN_INSYNC_REPLICAS, Type.INT, 0, Range.between(0, Short.MAX_VALUE), Importance.HIGH,
          "min.insync.replicas of every catalogue topic; 0 = the brokers' default.");

  /** The brokers' defaults for both. */
  public static final TopicSettings BROKER_DEFAULTS = new TopicSettings(Optional.empty(), Optional.empty());

  /**
   * @throws IllegalArgumentException when {@code min.insync.replicas} exceeds the replication factor (no write
   *                                  with {@code acks=all} would ever succeed)
   */
  public TopicSettings {
    if (replicationFactor.isPresent() && minInsyncReplicas.isPresent()
        && minInsyncReplicas.get() > replicationFactor.get()) {
      throw new IllegalArgumentException(MIN_INSYNC_REPLICAS + " (" + minInsyncReplicas.get() + ") exceeds "
          + REPLICATION_FACTOR + " (" + replicationFactor.get() + "): no write could be acknowledged");
    }
  }

  /**
   * Parses these settings.
   *
   * @throws org.apache.kafka.common.config.ConfigException when a value is not a whole number in range
   * @throws IllegalArgumentException when {@code min.insync.replicas} exceeds the replication factor
   */
  public static TopicSettings from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF);
    int replicas = (Integer) v.get(REPLICATION_FACTOR);
    int minIsr = (Integer) v.get(MIN_INSYNC_REPLICAS);
    return new TopicSettings(replicas == 0 ? Optional.empty() : Optional.of((short) replicas),
        minIsr == 0 ? Optional.empty() : Optional.of(minIsr));
  }

  /** Topic configs these settings add to a topic's own ({@code min.insync.replicas} when set). */
  public Map<String, String> topicConfigs() {
    Map<String, String> c = new LinkedHashMap<>();
    minInsyncReplicas.ifPresent(n -> c.put("min.insync.replicas", Integer.toString(n)));
    return c;
  }
}
