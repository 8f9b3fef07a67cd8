package io.screenalytics.cluster;

import java.util.Collection;
import org.apache.kafka.clients.admin.NewTopic;

/** A running Kafka broker of a {@link LocalCluster}: in this JVM, or in a container. Thread-safe. */
public interface KafkaBroker {

  /** The {@code bootstrap.servers} value for Kafka clients. */
  String bootstrapServers();

  /**
   * Creates topics (the broker never auto-creates them) and waits until they exist.
   *
   * @throws IllegalStateException if a topic cannot be created (it exists already, say) or the broker does not answer
   */
  void createTopics(Collection<NewTopic> topics);
}
