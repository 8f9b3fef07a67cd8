package io.screenalytics.cluster;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>Listens on two free loopback ports chosen at {@link #start()} (client and controller). Topics are never
 * auto-created ({@code auto.create.topics.enable=false}); create them explicitly, e.g. with
 * {@link #createTopics(Collection)}. Records up to {@link #DEFAULT_MESSAGE_MAX_BYTES} are accepted by
 * default (clients still need their own {@code max.request.size} / fetch limits raised). Consumer groups form
 * at once ({@code offsets.topic.replication.factor=1}, {@code group.initial.rebalance.delay.ms=0}).
 *
 * <p>Data lives in a temp directory deleted by {@link #close()}, or in a given directory that is kept.
 * The broker can be stopped and started again on the same data, on the same ports when they are still free
 * (clients reconnect), else on new ones.
 * Start-up takes about 3 s in a fresh JVM, under 1 s in a warm one.
 *
 * <p>Thread-safe: lifecycle methods are synchronized. The broker's own threads are named by Kafka.
 * Its logging goes through SLF4J under the {@code kafka} and {@code org.apache.kafka} loggers; set them
 * to WARN in the application's logging configuration to keep it quiet.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker, AutoCloseable {

  /** Default broker {@code message.max.bytes}: 16 MiB. */
  public static final int DEFAULT_MESSAGE_MAX_BYTES = 16 * 1024 * 1024;

  /** Client and controller ports of the last start, tried first on a restart. */
  private int[] lastPorts;
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int START_ATTEMPTS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private enum State { NEW, RUNNING, STOPPED, CLOSED }

  private final Path givenDataDir;
  private final Map<String, String> overrides;
  private State state = State.NEW;
  private Path dataDir;
  private KafkaRaftServer server;
  private String bootstrapServers;

  /** A broker on a temp directory (deleted on close) with the default settings. */
  public EmbeddedKafkaBroker() {
    this(null, Map.of());
  }

  /**
   * A broker with its data in {@code dataDir} and extra broker properties.
   *
   * @param dataDir   where the log and metadata directories go; kept on close. {@code null} for a temp
   *                  directory deleted on close
   * @param overrides broker properties applied over the defaults (e.g. {@code message.max.bytes});
   *                  listeners, node id and directories are set by this class
   */
  public EmbeddedKafkaBroker(Path dataDir, Map<String, String> overrides) {
    this.givenDataDir = dataDir;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Formats the storage (once) and starts the broker; returns when it accepts requests.
   *
   * @return this broker, for chaining
   * @throws IllegalStateException if it is already running or closed, or does not start (the cause says why)
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (state == State.RUNNING || state == State.CLOSED) {
      throw new IllegalStateException("broker is " + state);
    }
    long started = System.nanoTime();
    if (dataDir == null) {
      dataDir = givenDataDir != null ? Directories.ensure(givenDataDir) : Directories.createTemp("screenalytics-kafka-");
    }
    RuntimeException lastFailure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      // a restart keeps the ports clients know, when they are still free
      int[] ports = attempt == 1 && lastPorts != null ? lastPorts : FreePorts.pick(2);
      Properties props = brokerProperties(ports[0], ports[1]);
      try {
        format(props);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        bootstrapServers = "127.0.0.1:" + ports[0];
        lastPorts = ports;
        awaitReady();
        state = State.RUNNING;
        log.info("Kafka broker ready at {} in {} ms (data {})",
            bootstrapServers, (System.nanoTime() - started) / 1_000_000, dataDir);
        return this;
      } catch (RuntimeException e) {
        lastFailure = e;
        shutdownQuietly();
        if (!isBindFailure(e)) {
          break;
        }
        log.warn("Kafka broker port taken (attempt {}/{}), retrying on other ports", attempt, START_ATTEMPTS);
      }
    }
    state = State.STOPPED;
    throw new IllegalStateException("Kafka broker did not start (data " + dataDir + ")", lastFailure);
  }

  /**
   * The {@code bootstrap.servers} value for clients, {@code 127.0.0.1:<port>}.
   *
   * @throws IllegalStateException if the broker is not running
   */
  @Override
  public synchronized String bootstrapServers() {
    if (state != State.RUNNING) {
      throw new IllegalStateException("broker is " + state);
    }
    return bootstrapServers;
  }

  /** The directory holding the broker's logs, metadata and {@code server.properties}; null before start. */
  public synchronized Path dataDir() {
    return dataDir;
  }

  /**
   * Creates topics and waits until the broker has created them.
   *
   * @throws IllegalStateException if the broker is not running, or a topic cannot be created (e.g. it exists)
   */
  @Override
  public void createTopics(Collection<NewTopic> topics) {
    Admins.createTopics(bootstrapServers(), topics, READY_TIMEOUT);
  }

  /** Stops the broker and waits for its threads to end; the data stays. Does nothing unless running. */
  public synchronized void stop() {
    if (state != State.RUNNING) {
      return;
    }
    long started = System.nanoTime();
    shutdownQuietly();
    state = State.STOPPED;
    log.info("Kafka broker at {} stopped in {} ms", bootstrapServers, (System.nanoTime() - started) / 1_000_000);
  }

  /** Stops the broker and deletes its data directory if it is a temp one. Idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    stop();
    state = State.CLOSED;
    if (givenDataDir == null && dataDir != null) {
      try {
        Directories.deleteRecursively(dataDir);
      } catch (UncheckedIOException e) {
        log.warn("Kafka broker temp directory {} not fully deleted", dataDir, e);
      }
    }
  }

  private Properties brokerProperties(int clientPort, int controllerPort) {
    return KafkaNodeConfig.properties(dataDir.resolve("logs"), 1, 1, clientPort, controllerPort,
        "1@127.0.0.1:" + controllerPort, overrides);
  }

  /** Runs {@code kafka-storage format} unless the log directory is formatted already (a restart on kept data). */
  private void format(Properties props) {
    if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
      log.debug("kafka storage in {} already formatted", dataDir);
      return;
    }
    KafkaNodeConfig.format(dataDir.resolve("server.properties"), props, Uuid.randomUuid().toString());
  }

  /** The broker is ready once it reports itself in cluster metadata (unfenced). */
  private void awaitReady() {
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "local-cluster-readiness");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(config)) {
      while (admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("broker " + bootstrapServers + " not ready after " + READY_TIMEOUT);
        }
        Thread.sleep(50);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("broker " + bootstrapServers + " did not answer metadata requests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for broker " + bootstrapServers, e);
    }
  }

  private void shutdownQuietly() {
    KafkaRaftServer running = server;
    server = null;
    if (running == null) {
      return;
    }
    try {
      running.shutdown();
      running.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Kafka broker did not shut down cleanly", e);
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }
}
