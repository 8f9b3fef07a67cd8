package io.screenalytics.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import kafka.tools.StorageTool;

/**
 * The properties of one local KRaft node (broker and controller in one) and the formatting of its storage: one home
 * for the in-process {@link EmbeddedKafkaBroker} and the {@link BrokerProcesses} nodes. Topics are never
 * auto-created, messages up to {@link EmbeddedKafkaBroker#DEFAULT_MESSAGE_MAX_BYTES}, consumer groups form at once;
 * replication follows the node count (internal topics and {@code default.replication.factor} the node count,
 * {@code min.insync.replicas} 2 from 3 nodes, else 1), so one node's groups and transactions form too.
 */
final class KafkaNodeConfig {

  private KafkaNodeConfig() {}

  /**
   * The node's properties.
   *
   * @param logDir         its log directory
   * @param id             node id, from 1
   * @param nodes          nodes in the cluster
   * @param clientPort     its PLAINTEXT listener port on 127.0.0.1
   * @param controllerPort its CONTROLLER listener port on 127.0.0.1
   * @param voters         {@code controller.quorum.voters}: {@code id@127.0.0.1:port,...}
   * @param overrides      applied last
   */
  static Properties properties(Path logDir, int id, int nodes, int clientPort, int controllerPort, String voters,
      Map<String, String> overrides) {
    String replicas = Integer.toString(nodes);
    // 3 or more nodes: two copies before an acks=all write succeeds; fewer: one (or one node could stop writes)
    String minIsr = nodes >= 3 ? "2" : "1";
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(id));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("default.replication.factor", replicas);
    p.put("min.insync.replicas", minIsr);
    p.put("unclean.leader.election.enable", "false");
    // internal topics must not ask for more replicas than there are nodes, or groups and transactions never form
    p.put("offsets.topic.replication.factor", replicas);
    p.put("offsets.topic.num.partitions", nodes == 1 ? "1" : "4");
    p.put("transaction.state.log.replication.factor", replicas);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", replicas);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("group.initial.rebalance.delay.ms", "0");
    if (nodes > 1) {
      // a killed node is fenced and its leaderships move after 6 s (Kafka's defaults: 9 s, heartbeats every 2 s)
      p.put("broker.session.timeout.ms", "6000");
      p.put("broker.heartbeat.interval.ms", "1000");
    }
    p.put("message.max.bytes", Integer.toString(EmbeddedKafkaBroker.DEFAULT_MESSAGE_MAX_BYTES));
    p.put("replica.fetch.max.bytes", Integer.toString(EmbeddedKafkaBroker.DEFAULT_MESSAGE_MAX_BYTES));
    // the cleaner allocates this on heap at start-up; 128 MiB by default is too much in-process
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    p.putAll(overrides);
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  /**
   * Writes {@code props} to {@code file} and runs {@code kafka-storage format} on it with {@code clusterId}.
   *
   * @throws UncheckedIOException  if the file cannot be written
   * @throws IllegalStateException if formatting fails (the tool's output says why)
   */
  static void format(Path file, Properties props, String clusterId) {
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "written by the screenalytics local cluster");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code;
    try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId, "--config", file.toString()},
          printer);
    }
    if (code != 0) {
      throw new IllegalStateException("kafka storage format of " + file + " failed (exit " + code + "): "
          + output.toString(StandardCharsets.UTF_8).trim());
    }
  }
}
