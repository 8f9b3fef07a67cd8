package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.cluster.EmbeddedKafkaBroker;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static final List<String> SERVICES = List.of("decoder", "detect-track", "embed", "assembly");

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
    // a killed member's partitions move after this (the clients' default is 45 s)
    settings.put("kafka.session.timeout.ms", "10000");
    kafka = KafkaSettings.from(Settings.of(settings));
    TopicAdmin.provision(kafka);
    for (String service : SERVICES) {
      processes.put(service, new ServiceProcess(service, settings, dir).start());
    }
    video = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/short_hamilton_clip.mp4");
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
    EpisodeOutputs outputs = run("kill-" + service, () -> {
      victim.kill();
      victim.start();
    });
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

  /** A fault injected once the episode is under way. */
  interface Fault {
    void inject() throws Exception;
  }

  /** Pushes the episode; injects the fault once detect-track has processed 20 frames; reads the outputs. */
  private static EpisodeOutputs run(String episodeId, Fault fault) throws Exception {
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      ingestor.push(episodeId, video.toString(), null, null);
      boolean[] injected = {fault == null};
      Optional<EpisodeStatus> end = watcher.awaitWhileProgressing(episodeId, s -> {
        if (!injected[0] && "detect-track".equals(s.getStage())
            && s.getCounters().getOrDefault("frames", 0.0) >= 20) {
          injected[0] = true;
          try {
            fault.inject();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
      assertThat(injected[0]).as("fault injected mid-episode").isTrue();
      assertThat(end).as("episode " + episodeId + " finished").isPresent();
      assertThat(end.get().getState()).as(end.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
    }
    return EpisodeOutputs.read(store, episodeId);
  }
}
