package io.screenalytics.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@link LocalCluster}'s broker and registry in containers of the pinned images ({@link ClusterImages}), through
 * Testcontainers, configured as the in-process ones are: topics never auto-created, 16 MiB messages, consumer
 * groups formed at once. The only class of this module that touches Testcontainers, so that the in-process path
 * never loads it (the dependency is optional: the launcher ships without it). Thread-safe after start.
 */
final class ContainerCluster implements KafkaBroker, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ContainerCluster.class);
  private static final int REGISTRY_PORT = 8080;
  private static final String CCOMPAT_PATH = "/apis/ccompat/v7";

  private final KafkaContainer kafka;
  private final GenericContainer<?> registry;
  private final String registryUrl;

  private ContainerCluster(KafkaContainer kafka, GenericContainer<?> registry, String registryUrl) {
    this.kafka = kafka;
    this.registry = registry;
    this.registryUrl = registryUrl;
  }

  /** True when a Docker engine answers (Testcontainers' own check: at once when none is configured). */
  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /**
   * Starts the broker and, unless {@code externalRegistryUrl} is given, the registry container.
   *
   * @throws IllegalStateException if Docker is not available or a container does not become ready (nothing is
   *                               left running)
   */
  @SuppressWarnings("resource") // closed by close(), or here on failure
  static ContainerCluster start(ClusterImages images, Optional<String> externalRegistryUrl, Duration registryTimeout) {
    if (!dockerAvailable()) {
      throw new IllegalStateException("no Docker engine answers: set " + LocalClusterSettings.MODE_PROPERTY
          + "=in-process (or auto) to run the broker and registry in-process");
    }
    KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(images.kafka()))
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(EmbeddedKafkaBroker.DEFAULT_MESSAGE_MAX_BYTES))
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    GenericContainer<?> registry = null;
    try {
      if (externalRegistryUrl.isEmpty()) {
        registry = new GenericContainer<>(DockerImageName.parse(images.registry()))
            .withExposedPorts(REGISTRY_PORT)
            .waitingFor(Wait.forHttp(CCOMPAT_PATH + "/subjects").forStatusCode(200)
                .withStartupTimeout(registryTimeout));
      }
      // both boot in parallel
      Startables.deepStart(registry == null ? List.of(kafka) : List.of(kafka, registry)).join();
      String url = registry == null ? externalRegistryUrl.get()
          : "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT) + CCOMPAT_PATH;
      log.info("Containers ready: {} at {}, {} at {}", images.kafka(), kafka.getBootstrapServers(),
          registry == null ? "external registry" : images.registry(), url);
      return new ContainerCluster(kafka, registry, url);
    } catch (RuntimeException e) {
      stopQuietly(registry);
      stopQuietly(kafka);
      throw new IllegalStateException("cluster containers did not start: " + e.getMessage(), e);
    }
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  /** The registry's Confluent-compatible base URL. */
  String registryUrl() {
    return registryUrl;
  }

  @Override
  public void createTopics(Collection<NewTopic> topics) {
    Admins.createTopics(bootstrapServers(), topics, Duration.ofSeconds(30));
  }

  /** Stops both containers. */
  @Override
  public void close() {
    stopQuietly(registry);
    stopQuietly(kafka);
  }

  private static void stopQuietly(GenericContainer<?> container) {
    if (container == null) {
      return;
    }
    try {
      container.stop();
    } catch (RuntimeException e) {
      log.warn("container {} did not stop cleanly", container.getDockerImageName(), e);
    }
  }
}
