package io.screenalytics.runtime.kafka;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.TopicSettings;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import io.screenalytics.serde.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics and registers their value schemas, explicitly, at start-up
 * (broker auto-create stays off). Both steps are idempotent.
 */
public final class TopicAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /**
   * Creates each topic that does not exist yet with its declared partitions and configs.
   *
   * @param replicationFactor replicas per partition, or empty for the broker's default
   * @return names of the topics created now
   * @throws KafkaException when the cluster cannot be reached or refuses a topic
   */
  public static List<String> createTopics(KafkaSettings kafka, List<? extends Topic<?, ?>> topics,
      Optional<Short> replicationFactor) {
    return createTopics(kafka, topics, new TopicSettings(replicationFactor, Optional.empty()));
  }

  /**
   * Creates each topic that does not exist yet with its declared partitions and configs, and the replication of
   * {@code replication} (existing topics are left as they are).
   *
   * @return names of the topics created now
   * @throws KafkaException when the cluster cannot be reached or refuses a topic (for example a replication factor
   *                        larger than the broker count)
   */
  public static List<String> createTopics(KafkaSettings kafka, List<? extends Topic<?, ?>> topics,
      TopicSettings replication) {
    Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
    p.remove("schema.registry.url");
    p.remove("specific.avro.reader");
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "screenalytics-admin");
    List<String> created = new ArrayList<>();
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream()
          .filter(t -> !existing.contains(t.name()))
          .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), replication.replicationFactor())
              .configs(configs(t, replication)))
          .toList();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(60, TimeUnit.SECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new KafkaException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while creating topics", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new KafkaException("cannot list topics at " + kafka.bootstrapServers(), e);
    }
    if (!created.isEmpty()) {
      LOG.info("created topics {}", created);
    }
    return created;
  }

  /**
   * Makes the cluster ready for the pipeline: creates every topic of the catalogue ({@link Topics#ALL}) that is
   * missing, with the broker's default replication, and registers every value schema.
   *
   * @throws KafkaException when the cluster cannot be reached or refuses a topic
   * @throws io.screenalytics.serde.SchemaRegistryException when the registry refuses or stays unreachable
   */
  public static void provision(KafkaSettings kafka) {
    provision(kafka, TopicSettings.BROKER_DEFAULTS);
  }

  /**
   * As {@link #provision(KafkaSettings)}, the topics created with {@code replication}'s replication factor and
   * {@code min.insync.replicas}.
   *
   * @throws KafkaException when the cluster cannot be reached or refuses a topic
   * @throws io.screenalytics.serde.SchemaRegistryException when the registry refuses or stays unreachable
   */
  public static void provision(KafkaSettings kafka, TopicSettings replication) {
    createTopics(kafka, Topics.ALL, replication);
    registerSchemas(kafka, Topics.ALL);
  }

  private static Map<String, String> configs(Topic<?, ?> topic, TopicSettings replication) {
    Map<String, String> c = new LinkedHashMap<>(topic.topicConfigs());
    c.putAll(replication.topicConfigs());
    return c;
  }

  /**
   * Registers every Avro-valued topic's value schema under {@code <topic>-value}.
   *
   * @return schema id per subject
   * @throws org.apache.kafka.common.errors.SerializationException when the registry refuses or is unreachable
   */
  public static Map<String, Integer> registerSchemas(KafkaSettings kafka, List<? extends Topic<?, ?>> topics) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    try (SchemaRegistryClient registry = new SchemaRegistryClient(kafka.registryUrl())) {
      for (Topic<?, ?> t : topics) {
        if (t.valueSchema() != null) {
          ids.put(t.valueSubject(), registry.register(t.valueSubject(), t.valueSchema()));
        }
      }
    }
    LOG.info("registered schemas {}", ids);
    return ids;
  }
}
