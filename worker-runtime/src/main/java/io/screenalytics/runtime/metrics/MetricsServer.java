package io.screenalytics.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of the services of this process, one per port, on the JDK's own HTTP server:
 *
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text format of the process registry ({@link ProcessMetrics});
 *   <li>{@code GET /ready}: 200 when every attached service is ready (RUNNING), else 503;
 *   <li>{@code GET /live}: 200 unless an attached service has failed, else 503.
 * </ul>
 *
 * <p>The body of {@code /ready} and {@code /live} lists each service and its state, one per line. Services that
 * name the same port share one endpoint (the one-command run with {@code metrics.port} set); the server stops
 * when its last service detaches. Requests are served by one thread named {@code screenalytics-metrics-0} (the
 * JDK's own dispatcher thread is named {@code HTTP-Dispatcher}). Thread-safe.
 */
public final class MetricsServer {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final Map<Integer, MetricsServer> BY_PORT = new HashMap<>();

  private final int port;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<HealthProbe> services = new CopyOnWriteArrayList<>();

  private MetricsServer(int port, PrometheusMeterRegistry registry) throws IOException {
    this.port = port;
    this.server = HttpServer.create(new InetSocketAddress(port), 16);
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "screenalytics-metrics-0");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
        registry.scrape()));
    server.createContext("/ready", ex -> health(ex, p -> p.ready().getAsBoolean()));
    server.createContext("/live", ex -> health(ex, p -> p.live().getAsBoolean()));
    server.start();
  }

  /**
   * Serves {@code probe}'s service on {@code port}, starting the endpoint if this is its first service.
   *
   * @param port TCP port, 1-65535, on every interface
   * @return a handle that detaches the service when closed
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static synchronized Attachment attach(int port, HealthProbe probe) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("metrics port must be 1-65535, was " + port);
    }
    MetricsServer s = BY_PORT.get(port);
    if (s == null) {
      try {
        s = new MetricsServer(port, ProcessMetrics.registry());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
      }
      BY_PORT.put(port, s);
      LOG.info("metrics on http://0.0.0.0:{}/metrics, health on /ready and /live", port);
    }
    s.services.add(probe);
    MetricsServer server = s;
    return () -> detach(server, probe);
  }

  private static synchronized void detach(MetricsServer s, HealthProbe probe) {
    s.services.remove(probe);
    if (s.services.isEmpty() && BY_PORT.remove(s.port, s)) {
      s.server.stop(0);
      s.executor.shutdownNow();
    }
  }

  private void health(HttpExchange ex, Predicate<HealthProbe> ok) throws IOException {
    List<HealthProbe> all = List.copyOf(services);
    boolean healthy = !all.isEmpty() && all.stream().allMatch(ok);
    String body = all.stream().map(p -> p.service() + " " + p.state().get()).collect(Collectors.joining("\n", "", "\n"));
    respond(ex, healthy ? 200 : 503, "text/plain; charset=utf-8", body);
  }

  private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** A service's place on an endpoint. */
  @FunctionalInterface
  public interface Attachment extends AutoCloseable {
    /** Detaches the service; the endpoint stops with its last service. */
    @Override
    void close();
  }
}
