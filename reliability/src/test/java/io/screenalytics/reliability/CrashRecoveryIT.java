package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.cluster.EmbeddedKafkaBroker;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service runs as its own OS process against a real broker; one is killed with SIGKILL in the middle
 * of an episode and restarted, and the episode must complete with the same faces, tracks and identities as an
 * uninterrupted run; and the same when the broker is stopped and restarted mid-episode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  @TempDir
  static Path dir;

  private static LocalCluster cluster;
  private static KafkaSettings kafka;
  private static Path store;
  private static final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
  private static EpisodeOutputs baseline;
  private static Path video;

  @BeforeAll
  static void start() throws Exception {
    cluster = CLUSTER.cluster();
    store = Files.createDirectories(dir.resolve("store"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
    settings.put("store.root", store.toString());
    settings.put("decoder.stride", "2");
    // the decoder paced by the pipeline (at most 32 frames in flight): killed with the others at detect-track's 20th
    // frame, it is still decoding (unpaced, it may have published the whole clip by then, and the kill strike a finished
    // stage)
    settings.put("decoder.max.in.flight.frames", "32");
    // a killed member's partitions move after this (the clients' default is 45 s)
    settings.put("kafka.session.timeout.ms", "10000");
    kafka = KafkaSettings.from(Settings.of(settings));
    TopicAdmin.provision(kafka);
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
  void shouldProduceTheBaselineUninterrupted() throws Exception {
    EpisodeOutputs uninterrupted = baseline();
    assertThat(uninterrupted.faces()).hasSizeGreaterThan(100);
    assertThat(uninterrupted.tracks()).isNotEmpty();
  }

  /**
   * The outputs of an uninterrupted run, made by the first test that needs them (once per class), so that every
   * test runs alone as well as in its class.
   */
  private static EpisodeOutputs baseline() throws Exception {
    if (baseline == null) {
      baseline = run("baseline", null);
    }
    return baseline;
  }

  @ParameterizedTest
  @Order(2)
  @ValueSource(strings = {"decoder", "detect-track", "embed", "assembly"})
  void shouldCompleteWithTheSameOutputsAfterAServiceIsKilled(String service) throws Exception {
    EpisodeOutputs expected = baseline();
    ServiceProcess victim = processes.get(service);
    // the killed stage's own output (assembly's input from embed) shows it had work left when it was killed
    Topic<?, ?> output = switch (service) {
      case "decoder" -> Topics.FRAMES;
      case "detect-track" -> Topics.FACES;
      default -> Topics.EMBEDDINGS;
    };
    EpisodeOutputs outputs = FaultedEpisode.run(kafka, store, video, "kill-" + service, () -> {
      victim.kill();
      victim.start();
    }, output);
    assertThat(outputs.differencesFrom(expected)).as("outputs after SIGKILL of " + service).isEmpty();
  }

  @Test
  @Order(3)
  void shouldCompleteWithTheSameOutputsAfterTheBrokerRestarts() throws Exception {
    assumeTrue(cluster.broker() instanceof EmbeddedKafkaBroker, "the broker runs in this JVM");
    EpisodeOutputs expected = baseline();
    EmbeddedKafkaBroker broker = (EmbeddedKafkaBroker) cluster.broker();
    EpisodeOutputs outputs = run("broker-restart", () -> {
      broker.stop();
      Thread.sleep(3_000);
      broker.start();
    });
    assertThat(outputs.differencesFrom(expected)).as("outputs after a broker restart").isEmpty();
  }

  private static EpisodeOutputs run(String episodeId, FaultedEpisode.Fault fault) throws Exception {
    return FaultedEpisode.run(kafka, store, video, episodeId, fault);
  }
}
