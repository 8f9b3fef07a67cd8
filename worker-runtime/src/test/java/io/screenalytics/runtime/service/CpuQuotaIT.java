package io.screenalytics.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service whose handler burns CPU, against a real broker and registry: the runtime's governor holds it to its
 * core quota, its status events carry its CPU and threads, and its endpoint serves metrics and health from its
 * lifecycle. CPU is measured independently with the ThreadMXBean over the service's Java threads.
 */
class CpuQuotaIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static final Logger LOG = LoggerFactory.getLogger(CpuQuotaIT.class);
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final double QUOTA = 0.5;
  private static final long BURN_PER_RECORD_NANOS = 10_000_000L;

  private static LocalCluster cluster;
  private static KafkaSettings kafka;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startCluster() {
    cluster = CLUSTER.cluster();
    kafka = KafkaSettings.from(Settings.of(Map.of(
        KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        KafkaSettings.REGISTRY_URL, cluster.registryUrl())));
    TopicAdmin.provision(kafka);
  }

  @Test
  void shouldHoldACpuBurningHandlerToItsQuotaAndReportItInStatusMetricsAndHealth() throws Exception {
    // Given: more work than the service can do in the test, 10 ms of CPU per record
    try (KafkaEmitter producer = new KafkaEmitter(kafka, "cpu-it-producer")) {
      for (int i = 0; i < 1500; i++) {
        producer.send(Topics.INGEST, "ep" + i, EpisodeRequest.newBuilder().setEpisodeId("ep" + i)
            .setVideoUri("/nowhere.mp4").setRequestedAtMs(1L).build());
      }
      producer.flush();
    }
    AtomicInteger handled = new AtomicInteger();
    BatchHandler<EpisodeRequest> burner = (batch, out) -> {
      StatusPublisher status = new StatusPublisher("burner");
      for (Delivery<EpisodeRequest> d : batch) {
        burn(BURN_PER_RECORD_NANOS);
        handled.incrementAndGet();
        status.publish(out, d.value().getEpisodeId(), EpisodeState.PROGRESS, null, Map.of("records", 1.0), null);
      }
    };
    int port = freePort();
    ServiceSettings settings = new ServiceSettings(QUOTA, 1, "cpu-quota-it", true, port, 3, 3);

    // When: the service runs with a quota of 0.5 cores on this 2-core machine
    try (WorkerService<EpisodeRequest> service = new WorkerService<>("burner", "cpu-quota-it", kafka,
        new LoopConfig(16, Duration.ofMillis(100), 3, Duration.ofMillis(10), Duration.ofMillis(50)),
        List.of(Topics.INGEST), 1, () -> burner).withSettings(settings).start()) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (handled.get() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500);
      long cpu0 = serviceJavaCpu();
      long paused0 = service.governor().orElseThrow().throttled().toNanos();
      long t0 = System.nanoTime();
      Thread.sleep(10_000);
      long wall = System.nanoTime() - t0;
      long cpu = serviceJavaCpu() - cpu0;
      long paused = service.governor().orElseThrow().throttled().toNanos() - paused0;
      double governed = (double) cpu / wall;
      double flatOut = (double) cpu / Math.max(1, wall - paused);
      LOG.info("quota {}: {} cores over 10 s ({} records so far), paused {} s, {} cores when running", QUOTA,
          governed, handled.get(), paused / 1e9, flatOut);

      // Then: the service's threads used the quota within 10 %: never more; and, when the machine let the
      // one-threaded burner run near a core while it was not paused (>= 0.8 cores: a quiet machine gives it 1.0),
      // not less. On a machine busy with other work the burner runs at a fraction of a core between the
      // governor's pauses and its average says nothing about the floor (seen in a loaded run: 0.50 cores when
      // running, 0.42 governed), so only the ceiling is checked then.
      assertThat(governed).isLessThanOrEqualTo(QUOTA * 1.10);
      if (flatOut >= 0.8) {
        assertThat(governed).isGreaterThanOrEqualTo(0.90 * QUOTA);
      } else {
        LOG.warn("the machine gave the burner {} cores while running: quota floor not checked", flatOut);
      }
      assertThat(service.lag()).isPositive();

      // And: health follows the lifecycle, and the scrape has the service's figures
      assertThat(get(port, "/ready").statusCode()).isEqualTo(200);
      assertThat(get(port, "/live").body()).isEqualTo("burner RUNNING\n");
      String scrape = get(port, "/metrics").body();
      assertThat(scrape).contains("screenalytics_consumed_records_total{service=\"burner\",topic=\"screenalytics.episodes.ingest\"}");
      assertThat(scrape).contains("screenalytics_produced_records_total{service=\"burner\",topic=\"screenalytics.episodes.status\"}");
      assertThat(scrape).contains("screenalytics_cpu_quota_cores{service=\"burner\"} 0.5");
      assertThat(scrape).containsPattern("screenalytics_cpu_usage_percent\\{service=\"burner\"} [1-9]");
      assertThat(scrape).containsPattern("screenalytics_handler_latency_seconds_count\\{service=\"burner\"} [1-9]");
    }

    // And: its status events carry its CPU % (at or under the quota's 50 %, within 10 %) and its threads: the loop,
    // both producers' network threads and the group's heartbeat thread
    List<EpisodeStatus> events = statusEvents(200);
    assertThat(events).allSatisfy(s -> assertThat(s.getCounters()).containsKeys("cpu_percent", "threads"));
    EpisodeStatus last = events.stream().max(java.util.Comparator.comparingLong(EpisodeStatus::getAtMs)).orElseThrow();
    assertThat(last.getCounters().get("cpu_percent")).isBetween(0.0, 100 * QUOTA * 1.10);
    assertThat(last.getCounters().get("threads")).isGreaterThanOrEqualTo(3.0);
    // And: the endpoint is gone with the service
    assertThat(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live")).build(),
        HttpResponse.BodyHandlers.ofString()).handle((r, e) -> e != null).get()).isTrue();
  }

  /** CPU time of the service's Java threads: {@code burner-*} and its Kafka clients' {@code ... | burner*}. */
  private static long serviceJavaCpu() {
    long sum = 0;
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      String n = e.getKey().getName();
      if (n.startsWith("burner-") || n.endsWith("| burner") || n.endsWith("| burner-deadletter")
          || n.endsWith("| cpu-quota-it")) {
        sum += Math.max(0, MX.getThreadCpuTime(e.getKey().getId()));
      }
    }
    return sum;
  }

  private static void burn(long nanos) {
    long until = MX.getCurrentThreadCpuTime() + nanos;
    long x = 1;
    while (MX.getCurrentThreadCpuTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    if (x == 42) {
      LOG.trace("unlikely");
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<EpisodeStatus> statusEvents(int atLeast) {
    List<EpisodeStatus> out = new ArrayList<>();
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, kafka.valueDeserializer());
    try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = c.partitionsFor(Topics.STATUS.name()).stream()
          .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.currentTimeMillis() + 30_000;
      while (out.size() < atLeast && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add((EpisodeStatus) r.value()));
      }
    }
    return out;
  }
}
