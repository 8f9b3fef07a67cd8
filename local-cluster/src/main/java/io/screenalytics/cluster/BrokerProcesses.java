package io.screenalytics.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of several KRaft nodes, each its own OS process ({@code java -cp <this JVM's class path>
 * kafka.Kafka node-<id>/server.properties}, through {@link ParentWatchdog} so no node outlives this JVM), every node
 * a broker and a voter of the controller quorum ({@code process.roles=broker,controller}): 3 nodes give a quorum
 * of 3 that survives the loss of any one.
 *
 * <p>Replication is the cluster's: {@code default.replication.factor} and the internal topics' replication factor
 * are the node count, {@code min.insync.replicas} is 2 (1 under 3 nodes), unclean leader election stays off, so
 * a record acknowledged with {@code acks=all} is on at least two nodes and survives the SIGKILL of any one. A node
 * stopped uncleanly is fenced after {@code broker.session.timeout.ms} (6 s here) and its partitions' leadership
 * moves to an in-sync replica; the controller quorum elects a new leader within about a second
 * ({@code controller.quorum.election.timeout.ms}). Topics are never auto-created; messages up to
 * {@link EmbeddedKafkaBroker#DEFAULT_MESSAGE_MAX_BYTES}.
 *
 * <p>Measured on 2 cores: 3 nodes ready in 8-15 s, ~350 MB resident each. Each node's output goes to
 * {@code node-<id>/kafka.log} under the data directory.
 *
 * <p>Thread-safe: lifecycle methods are synchronized. {@link #close()} is idempotent.
 */
public final class BrokerProcesses implements KafkaBroker, AutoCloseable {

  /** The highest node count accepted: a quorum of more than 9 voters is no use on one machine. */
  public static final int MAX_NODES = 9;

  private static final Logger log = LoggerFactory.getLogger(BrokerProcesses.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final Map<Integer, Properties> nodeProperties = new TreeMap<>();
  private final Map<Integer, Process> processes = new TreeMap<>();
  private final String bootstrapServers;
  private Thread shutdownHook;
  private boolean closed;

  private BrokerProcesses(Path dataDir, boolean ownsDataDir, String bootstrapServers) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats the storage of {@code nodes} nodes with one cluster id, starts them all at once and returns when every
   * node is registered and unfenced.
   *
   * @param dataDir   where each node's data, {@code server.properties} and log go ({@code node-<id>/}); kept on
   *                  close. {@code null} for a temp directory deleted on close
   * @param nodes     node count, 1 to {@value #MAX_NODES}
   * @param overrides broker properties applied over the defaults on every node
   * @throws IllegalArgumentException if {@code nodes} is out of range
   * @throws IllegalStateException    if the nodes are not all ready within 120 s (nothing is left running); the
   *                                  message names the node logs
   */
  public static BrokerProcesses start(Path dataDir, int nodes, Map<String, String> overrides) {
    if (nodes < 1 || nodes > MAX_NODES) {
      throw new IllegalArgumentException("broker node count must be 1-" + MAX_NODES + ": " + nodes);
    }
    long started = System.nanoTime();
    boolean temp = dataDir == null;
    Path root = temp ? Directories.createTemp("screenalytics-brokers-") : Directories.ensure(dataDir);
    int[] ports = FreePorts.pick(2 * nodes);
    String voters = java.util.stream.IntStream.rangeClosed(1, nodes)
        .mapToObj(id -> id + "@127.0.0.1:" + ports[nodes + id - 1]).collect(Collectors.joining(","));
    String bootstrap = java.util.stream.IntStream.range(0, nodes)
        .mapToObj(i -> "127.0.0.1:" + ports[i]).collect(Collectors.joining(","));
    BrokerProcesses cluster = new BrokerProcesses(root, temp, bootstrap);
    try {
      String clusterId = Uuid.randomUuid().toString();
      for (int id = 1; id <= nodes; id++) {
        Path nodeDir = Directories.ensure(root.resolve("node-" + id));
        Properties props = KafkaNodeConfig.properties(nodeDir.resolve("logs"), id, nodes, ports[id - 1],
            ports[nodes + id - 1], voters, overrides);
        cluster.nodeProperties.put(id, props);
        KafkaNodeConfig.format(nodeDir.resolve("server.properties"), props, clusterId);
      }
      synchronized (cluster) {
        for (int id = 1; id <= nodes; id++) {
          cluster.spawn(id);
        }
      }
      cluster.awaitNodes(nodes);
      log.info("Kafka cluster of {} node processes ready at {} in {} ms (data {})", nodes, bootstrap,
          (System.nanoTime() - started) / 1_000_000, root);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The {@code bootstrap.servers} value: every node's client listener, {@code 127.0.0.1:<port>,...}. */
  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The node ids, 1 to the node count. */
  public synchronized List<Integer> nodeIds() {
    return List.copyOf(nodeProperties.keySet());
  }

  /** The directory holding every node's data and log. */
  public Path dataDir() {
    return dataDir;
  }

  /** The process id of every running node, by node id. */
  public synchronized Map<Integer, Long> pids() {
    Map<Integer, Long> pids = new TreeMap<>();
    processes.forEach((id, p) -> {
      if (p.isAlive()) {
        pids.put(id, p.pid());
      }
    });
    return pids;
  }

  /** Whether node {@code id}'s process runs. */
  public synchronized boolean isAlive(int id) {
    Process p = processes.get(id);
    return p != null && p.isAlive();
  }

  /**
   * Kills node {@code id} with SIGKILL (no shutdown, nothing flushed) and waits until its process is gone.
   *
   * @throws IllegalArgumentException if there is no such node
   */
  public synchronized void kill(int id) {
    Process p = processes.get(requireNode(id));
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Kafka node {} (pid {}) killed with SIGKILL", id, p.pid());
  }

  /**
   * Starts node {@code id} again on its data and ports and waits until every node is registered and unfenced.
   *
   * @throws IllegalArgumentException if there is no such node
   * @throws IllegalStateException    if it is running already or does not rejoin within 120 s
   */
  public void restart(int id) {
    synchronized (this) {
      requireNode(id);
      if (isAlive(id)) {
        throw new IllegalStateException("Kafka node " + id + " is running");
      }
      spawn(id);
    }
    awaitNodes(nodeProperties.size());
  }

  /**
   * The node leading {@code topic}'s partition {@code partition}, -1 when it has none (all replicas down).
   *
   * @throws IllegalStateException if the cluster does not answer within 120 s or the topic does not exist
   */
  public int leaderOf(String topic, int partition) {
    return withAdmin(admin -> {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      Node leader = d.partitions().get(partition).leader();
      return leader == null || leader.isEmpty() ? -1 : leader.id();
    });
  }

  /**
   * The node id of the active controller (the leader of the KRaft metadata quorum).
   *
   * @throws IllegalStateException if the cluster does not answer within 120 s
   */
  public int activeController() {
    return withAdmin(admin -> admin.describeMetadataQuorum().quorumInfo()
        .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).leaderId());
  }

  /**
   * Waits until every partition of every topic, internal ones included, has all its replicas in sync (after a node
   * came back, so that the next failure finds two in-sync replicas everywhere).
   *
   * @throws IllegalStateException if that does not happen within 120 s
   */
  public void awaitFullyReplicated() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    withAdmin(admin -> {
      while (true) {
        var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
            .names().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<String> lagging = new ArrayList<>();
        for (TopicDescription d : admin.describeTopics(names).allTopicNames()
            .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
          for (TopicPartitionInfo p : d.partitions()) {
            if (p.isr().size() < p.replicas().size()) {
              lagging.add(d.name() + "-" + p.partition());
            }
          }
        }
        if (lagging.isEmpty()) {
          return null;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("partitions not fully replicated after " + READY_TIMEOUT + ": " + lagging);
        }
        Thread.sleep(250);
      }
    });
  }

  /**
   * Creates topics and waits until they exist.
   *
   * @throws IllegalStateException if a topic cannot be created (e.g. it exists)
   */
  @Override
  public void createTopics(Collection<NewTopic> topics) {
    Admins.createTopics(bootstrapServers, topics, READY_TIMEOUT);
  }

  /** Stops every node (SIGTERM, SIGKILL after 15 s) and deletes a temp data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    processes.values().forEach(Process::destroy);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Process p : processes.values()) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already: the hook runs and finds nothing left
      }
    }
    if (ownsDataDir) {
      try {
        Directories.deleteRecursively(dataDir);
      } catch (UncheckedIOException e) {
        log.warn("Kafka cluster temp directory {} not fully deleted", dataDir, e);
      }
    }
  }

  private void spawn(int id) {
    Path nodeDir = dataDir.resolve("node-" + id);
    List<String> command = ParentWatchdog.javaCommandForClass(JVM_OPTIONS, "kafka.Kafka",
        List.of(nodeDir.resolve("server.properties").toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(nodeDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("kafka.log").toFile()));
    builder.environment().put("SCREENALYTICS_LOG_LEVEL", "INFO");
    try {
      // its standard input stays open, unwritten: the pipe's end of file tells the child this JVM is gone
      processes.put(id, builder.start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Kafka node " + id + ": " + String.join(" ", command), e);
    }
    if (shutdownHook == null) {
      shutdownHook = new Thread(() -> processes.values().forEach(Process::destroy), "local-cluster-brokers-shutdown-1");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    log.debug("Kafka node {} launched: pid {}", id, processes.get(id).pid());
  }

  /** Waits until {@code count} nodes are registered and unfenced. */
  private void awaitNodes(int count) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    withAdmin(admin -> {
      while (true) {
        synchronized (this) {
          for (var e : processes.entrySet()) {
            if (!e.getValue().isAlive()) {
              throw new IllegalStateException("Kafka node " + e.getKey() + " exited with code "
                  + e.getValue().exitValue() + "; see " + dataDir.resolve("node-" + e.getKey()).resolve("kafka.log"));
            }
          }
        }
        int seen;
        try {
          seen = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
              .get(10, TimeUnit.SECONDS).size();
        } catch (ExecutionException | TimeoutException e) {
          seen = 0;
        }
        if (seen >= count) {
          return null;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(seen + " of " + count + " Kafka nodes ready after " + READY_TIMEOUT
              + "; see the logs under " + dataDir);
        }
        Thread.sleep(100);
      }
    });
  }

  private int requireNode(int id) {
    if (!nodeProperties.containsKey(id)) {
      throw new IllegalArgumentException("no Kafka node " + id + "; nodes: " + nodeProperties.keySet());
    }
    return id;
  }

  private interface AdminCall<T> {
    T call(Admin admin) throws Exception;
  }

  private <T> T withAdmin(AdminCall<T> call) {
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "local-cluster-brokers",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      return call.call(admin);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted talking to the Kafka cluster at " + bootstrapServers, e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the Kafka cluster at " + bootstrapServers + " did not answer", e);
    }
  }
}
