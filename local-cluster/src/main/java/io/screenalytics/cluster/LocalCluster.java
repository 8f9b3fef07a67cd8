package io.screenalytics.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the pipeline needs on one machine, and the integration tests' one broker-and-registry fixture: a Kafka
 * broker and a Confluent-compatible schema registry, in one of two places ({@link ClusterMode}):
 *
 * <ul>
 *   <li>in containers of the pinned images ({@link ClusterImages}, the ones {@code docker-compose.yml} and
 *       {@code deploy/k8s} run) through Testcontainers, where a Docker engine answers and Testcontainers is on the
 *       class path (a test dependency: the launcher ships without it);
 *   <li>otherwise in-process: an {@link EmbeddedKafkaBroker} in this JVM and a {@link SchemaRegistryProcess} child;
 *   <li>with {@link LocalClusterSettings#brokers()} above 1: that many KRaft nodes, each its own OS process
 *       ({@link BrokerProcesses}: a controller quorum of every node, replication factor the node count,
 *       {@code min.insync.replicas=2}) and the registry child.
 * </ul>
 *
 * Both are configured alike (topics never auto-created, 16 MiB messages, groups formed at once), so the same tests
 * run on either. Either way the registry may instead be an already running one named by
 * {@value LocalClusterSettings#REGISTRY_URL_ENV} (see {@link LocalClusterSettings}).
 *
 * <p>The registry boots while the broker starts, so the whole takes about as long as the slower of the two (3-5 s
 * in-process on 2 cores). Topics are not auto-created: create them with {@link #broker()}
 * ({@link KafkaBroker#createTopics}) or an Admin client.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start()) {
 *     props.put("bootstrap.servers", cluster.bootstrapServers());
 *     props.put("schema.registry.url", cluster.registryUrl());
 * }
 * }</pre>
 *
 * <p>Thread-safe after start; {@link #close()} is idempotent.
 */
public final class LocalCluster implements AutoCloseable {

  /** The class every in-process or child-process broker runs (jar {@code kafka_2.13}). */
  static final String BROKER_CLASS = "kafka.server.KafkaRaftServer";

  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);
  private static final Duration EXTERNAL_REGISTRY_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaBroker broker;
  private final SchemaRegistryProcess registryProcess;
  private final String registryUrl;
  private final Path tempDir;
  private final ClusterMode mode;

  private LocalCluster(KafkaBroker broker, SchemaRegistryProcess registryProcess, String registryUrl, Path tempDir,
      ClusterMode mode) {
    this.broker = broker;
    this.registryProcess = registryProcess;
    this.registryUrl = registryUrl;
    this.tempDir = tempDir;
    this.mode = mode;
  }

  /**
   * Starts a cluster with the settings from system properties and environment ({@link LocalClusterSettings#fromEnvironment()}).
   *
   * @throws IllegalStateException if the broker or registry does not start (nothing is left running)
   * @throws IllegalArgumentException if a setting is malformed
   */
  public static LocalCluster start() {
    return start(LocalClusterSettings.fromEnvironment());
  }

  /**
   * Starts the broker and, unless an external registry is configured, the registry, in parallel: in containers or
   * in-process as {@link LocalClusterSettings#mode()} says.
   *
   * @throws IllegalStateException if the broker or registry does not start (nothing is left running), the
   *                               external registry does not answer within 10 s, or mode {@code containers} finds
   *                               no Docker engine or no Testcontainers
   */
  public static LocalCluster start(LocalClusterSettings settings) {
    if (settings.brokers() > 1 && settings.mode() == ClusterMode.CONTAINERS) {
      throw new IllegalStateException(LocalClusterSettings.BROKERS_PROPERTY + "=" + settings.brokers()
          + " runs broker processes, not containers: set " + LocalClusterSettings.MODE_PROPERTY + " to auto or in-process");
    }
    if (settings.brokers() == 1 && useContainers(settings.mode())) {
      return startContainers(settings);
    }
    requireBroker();
    long started = System.nanoTime();
    Path tempDir = settings.workDir().isPresent() ? null : Directories.createTemp("screenalytics-local-");
    Path root = settings.workDir().orElse(tempDir);
    SchemaRegistryProcess registry = null;
    AutoCloseable broker = null;
    try {
      if (settings.externalRegistryUrl().isEmpty()) {
        // spawned first: the child boots while this thread starts the broker
        registry = SchemaRegistryProcess.launch(settings.registryJar().orElse(null), root.resolve("registry"));
      }
      broker = settings.brokers() > 1
          ? BrokerProcesses.start(root.resolve("kafka"), settings.brokers(), Map.of())
          : new EmbeddedKafkaBroker(root.resolve("kafka"), Map.of()).start();
      String registryUrl;
      if (registry != null) {
        registryUrl = registry.awaitReady(settings.registryStartTimeout()).url();
      } else {
        registryUrl = settings.externalRegistryUrl().get().toString();
        awaitExternal(registryUrl);
      }
      log.info("Local cluster ready in {} ms: bootstrap.servers={} schema.registry.url={}",
          (System.nanoTime() - started) / 1_000_000, ((KafkaBroker) broker).bootstrapServers(), registryUrl);
      return new LocalCluster((KafkaBroker) broker, registry, registryUrl, tempDir, ClusterMode.IN_PROCESS);
    } catch (RuntimeException e) {
      closeAll(registry, broker, tempDir);
      throw e;
    }
  }

  /**
   * Fails fast, with one line a user can act on, where the broker's jars ({@code kafka_2.13} and what it brings)
   * are not on the class path: the service image leaves them out, as only this class uses them.
   */
  private static void requireBroker() {
    try {
      Class.forName(BROKER_CLASS, false, LocalCluster.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("no Kafka broker on the class path (" + BROKER_CLASS + "): this build of "
          + "screenalytics (the service image) runs `service`, `topics` and `ingest` against a cluster; `run` needs "
          + "the full launcher (./screenalytics)");
    }
  }

  private static boolean useContainers(ClusterMode mode) {
    boolean testcontainers = testcontainersPresent();
    if (mode == ClusterMode.CONTAINERS) {
      if (!testcontainers) {
        throw new IllegalStateException(LocalClusterSettings.MODE_PROPERTY + "=containers needs "
            + "org.testcontainers:testcontainers-kafka on the class path");
      }
      return true;
    }
    return mode == ClusterMode.AUTO && testcontainers && ContainerCluster.dockerAvailable();
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName("org.testcontainers.kafka.KafkaContainer", false, LocalCluster.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static LocalCluster startContainers(LocalClusterSettings settings) {
    Optional<String> external = settings.externalRegistryUrl().map(Object::toString);
    ContainerCluster containers = ContainerCluster.start(ClusterImages.pinned(), external,
        settings.registryStartTimeout());
    try {
      external.ifPresent(LocalCluster::awaitExternal);
    } catch (RuntimeException e) {
      containers.close();
      throw e;
    }
    return new LocalCluster(containers, null, containers.registryUrl(), null, ClusterMode.CONTAINERS);
  }

  /** The {@code bootstrap.servers} value for Kafka clients. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The {@code schema.registry.url} value for serdes: a Confluent-compatible base URL without a trailing slash. */
  public String registryUrl() {
    return registryUrl;
  }

  /**
   * The broker, e.g. to create topics: an {@link EmbeddedKafkaBroker}, a {@link BrokerProcesses} when several were
   * asked for, or the container.
   */
  public KafkaBroker broker() {
    return broker;
  }

  /** Where the broker and registry run: {@link ClusterMode#IN_PROCESS} or {@link ClusterMode#CONTAINERS}. */
  public ClusterMode mode() {
    return mode;
  }

  /** The registry child process, or empty when an external registry is used. */
  public Optional<SchemaRegistryProcess> registryProcess() {
    return Optional.ofNullable(registryProcess);
  }

  /** Stops the registry and the broker, and deletes the temp directory if one was created. */
  @Override
  public void close() {
    if (broker instanceof ContainerCluster containers) {
      containers.close();
      return;
    }
    closeAll(registryProcess, (AutoCloseable) broker, tempDir);
  }

  private static void awaitExternal(String registryUrl) {
    try (RegistryProbe probe = new RegistryProbe(registryUrl)) {
      if (!probe.awaitReady(EXTERNAL_REGISTRY_TIMEOUT, () -> true)) {
        throw new IllegalStateException("external schema registry " + registryUrl + " (from "
            + LocalClusterSettings.REGISTRY_URL_ENV + ") does not answer GET /subjects within "
            + EXTERNAL_REGISTRY_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for schema registry " + registryUrl, e);
    }
  }

  private static void closeAll(SchemaRegistryProcess registry, AutoCloseable broker, Path tempDir) {
    // each step runs even if an earlier one fails, so nothing is left behind
    try {
      if (registry != null) {
        registry.close();
      }
    } catch (RuntimeException e) {
      log.warn("schema registry did not stop cleanly", e);
    }
    try {
      if (broker != null) {
        broker.close();
      }
    } catch (Exception e) {
      log.warn("Kafka broker did not stop cleanly", e);
    }
    try {
      Directories.deleteRecursively(tempDir);
    } catch (RuntimeException e) {
      log.warn("local cluster temp directory {} not fully deleted", tempDir, e);
    }
  }
}
