package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.cluster.BrokerProcesses;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.config.TopicSettings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real cluster of 3 Kafka brokers, each its own OS process and all three voters of the
 * controller quorum, topics replicated 3 times with {@code min.insync.replicas=2}; every service its own process.
 * The broker leading the episode's frame partition is killed with SIGKILL mid-episode, and in another episode the
 * active controller: each time the episode completes with the outputs of an uninterrupted run, and leadership has
 * moved to a surviving broker. The killed broker is started again after each episode and the next fault waits
 * until every partition is fully replicated again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerFailoverIT {

  private static final int BROKERS = 3;

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create().brokers(BROKERS);

  @TempDir
  static Path dir;

  private static BrokerProcesses brokers;
  private static KafkaSettings kafka;
  private static Path store;
  private static Path video;
  private static final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
  private static EpisodeOutputs baseline;

  @BeforeAll
  static void start() throws Exception {
    brokers = (BrokerProcesses) CLUSTER.cluster().broker();
    store = Files.createDirectories(dir.resolve("store"));
    Map<String, String> settings = CLUSTER.settings();
    settings.put("store.root", store.toString());
    settings.put("decoder.stride", "3");
    settings.put(TopicSettings.REPLICATION_FACTOR, Integer.toString(BROKERS));
    settings.put(TopicSettings.MIN_INSYNC_REPLICAS, "2");
    kafka = KafkaSettings.from(Settings.of(settings));
    TopicAdmin.provision(kafka, TopicSettings.from(Settings.of(settings)));
    processes.putAll(ServiceProcess.startAll(ServiceProcess.FACE_SERVICES, settings, dir));
    video = FaultedEpisode.hamiltonClip();
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServiceProcess p : processes.values()) {
      p.close();
    }
  }

  @Test
  @Order(1)
  void shouldReplicateEveryTopicThreeTimesWithTwoInSync() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicDescription frames = admin.describeTopics(List.of(Topics.FRAMES.name())).allTopicNames()
          .get(60, TimeUnit.SECONDS).get(Topics.FRAMES.name());
      assertThat(frames.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(BROKERS));
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAMES.name());
      assertThat(admin.describeConfigs(List.of(topic)).all().get(60, TimeUnit.SECONDS).get(topic)
          .get("min.insync.replicas").value()).isEqualTo("2");
      assertThat(admin.describeMetadataQuorum().quorumInfo().get(60, TimeUnit.SECONDS).voters()).hasSize(BROKERS);
    }
    assertThat(baseline().faces()).hasSizeGreaterThan(50);
  }

  @Test
  @Order(2)
  void shouldCompleteWithTheSameOutputsWhenTheFramePartitionLeaderIsKilled() throws Exception {
    EpisodeOutputs expected = baseline();
    String episode = "kill-frames-leader";
    int partition = Utils.toPositive(Utils.murmur2(episode.getBytes(StandardCharsets.UTF_8)))
        % Topics.FRAMES.partitions();
    int[] killed = {-1};
    EpisodeOutputs outputs = FaultedEpisode.run(kafka, store, video, episode, () -> {
      killed[0] = brokers.leaderOf(Topics.FRAMES.name(), partition);
      brokers.kill(killed[0]);
    });
    assertThat(killed[0]).as("leader of frames partition " + partition).isPositive();
    assertThat(brokers.leaderOf(Topics.FRAMES.name(), partition)).as("the partition's new leader")
        .isPositive().isNotEqualTo(killed[0]);
    assertThat(outputs.differencesFrom(expected)).as("outputs after SIGKILL of the frame partition's leader, broker "
        + killed[0]).isEmpty();
    bringBack(killed[0]);
  }

  @Test
  @Order(3)
  void shouldCompleteWithTheSameOutputsWhenTheActiveControllerIsKilled() throws Exception {
    EpisodeOutputs expected = baseline();
    int[] killed = {-1};
    EpisodeOutputs outputs = FaultedEpisode.run(kafka, store, video, "kill-controller", () -> {
      killed[0] = brokers.activeController();
      brokers.kill(killed[0]);
    });
    assertThat(killed[0]).as("the active controller").isPositive();
    assertThat(brokers.activeController()).as("the new active controller").isPositive().isNotEqualTo(killed[0]);
    assertThat(outputs.differencesFrom(expected)).as("outputs after SIGKILL of the active controller, broker "
        + killed[0]).isEmpty();
    bringBack(killed[0]);
  }

  /** The uninterrupted run's outputs, made by the first test that needs them. */
  private static EpisodeOutputs baseline() throws Exception {
    if (baseline == null) {
      baseline = FaultedEpisode.run(kafka, store, video, "baseline", null);
    }
    return baseline;
  }

  /** Starts the killed broker again and waits until every partition has its three replicas in sync. */
  private static void bringBack(int node) {
    brokers.restart(node);
    brokers.awaitFullyReplicated();
  }
}
