package io.screenalytics.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.ThreadOwnership;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The metrics and health endpoint over real HTTP, with a real Prometheus registry. */
class ServiceMetricsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeEveryListedMetricAndAnswerHealthFromTheLifecycle() throws Exception {
    // Given: a service's meters, each recorded once, on an endpoint; the service is live but not ready yet
    AtomicBoolean ready = new AtomicBoolean(false);
    AtomicBoolean live = new AtomicBoolean(true);
    int port = freePort();
    try (CpuGovernor governor = new CpuGovernor(new ThreadOwnership("metered", null), CpuGovernor.Config.of(1.0, true));
         ServiceMetrics metrics = new ServiceMetrics(ProcessMetrics.registry(), "metered", governor, () -> 42L, ready::get);
         MetricsServer.Attachment endpoint = MetricsServer.attach(port,
             new HealthProbe("metered", ready::get, live::get, () -> ready.get() ? "RUNNING" : "STARTING"))) {
      metrics.consumed(Topics.FRAMES.name(), 3);
      metrics.produced(Topics.FACES, faceBatch(2));
      metrics.deadLettered(Topics.FRAMES.name(), "handle");
      metrics.handled(List.of(), 5_000_000L);
      metrics.stage("detect").record(7, TimeUnit.MILLISECONDS);

      // When / Then: not ready while starting, but live
      assertThat(get(port, "/ready").statusCode()).isEqualTo(503);
      assertThat(get(port, "/live").statusCode()).isEqualTo(200);

      // When: it runs
      ready.set(true);
      // Then: ready, and every metric of the catalogue is on the scrape with the service's tag
      HttpResponse<String> ready200 = get(port, "/ready");
      assertThat(ready200.statusCode()).isEqualTo(200);
      assertThat(ready200.body()).isEqualTo("metered RUNNING\n");
      String scrape = get(port, "/metrics").body();
      for (Metric m : Metric.values()) {
        String stem = m.kind() == Metric.Kind.TIMER || m.kind() == Metric.Kind.DISTRIBUTION
            ? m.prometheusName() + "_count" : m.prometheusName();
        assertThat(scrape).as(m.name()).contains(stem + "{");
      }
      assertThat(scrape).contains("screenalytics_faces_total{service=\"metered\"} 2.0");
      assertThat(scrape).contains("screenalytics_consumer_lag_records{service=\"metered\"} 42.0");
      assertThat(scrape).contains("screenalytics_cpu_quota_cores{service=\"metered\"} 1.0");
      assertThat(scrape).contains("jvm_memory_used_bytes");

      // When: it fails
      live.set(false);
      // Then: not live
      assertThat(get(port, "/live").statusCode()).isEqualTo(503);
    }
    // And: the endpoint stops with its last service, and the service's meters are gone
    assertThat(ProcessMetrics.registry().scrape()).doesNotContain("service=\"metered\"");
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static FaceBatch faceBatch(int faces) {
    FaceBatch b = new FaceBatch();
    DetectedFace[] f = new DetectedFace[faces];
    for (int i = 0; i < faces; i++) {
      f[i] = new DetectedFace();
    }
    b.setFaces(List.of(f));
    return b;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
