package io.screenalytics.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Asks a Confluent-compatible schema registry whether it serves requests: {@code GET <url>/subjects}.
 * Close it to stop its HTTP threads ({@code local-cluster-registry-probe-<n>}).
 */
final class RegistryProbe implements AutoCloseable {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "local-cluster-registry-probe-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).executor(executor).build();
  private final URI subjects;

  /** @param registryUrl the registry's Confluent-compatible base URL, without a trailing slash */
  RegistryProbe(String registryUrl) {
    this.subjects = URI.create(registryUrl + "/subjects");
  }

  /**
   * True if the registry answered {@code 200} within 2 s; false if it refused, timed out or answered otherwise.
   *
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  boolean isReady() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(subjects).timeout(REQUEST_TIMEOUT).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Polls until the registry is ready, every 100 ms, while {@code keepWaiting} says so.
   *
   * @param timeout     how long to poll
   * @param keepWaiting checked before every poll; false stops polling (e.g. the process died)
   * @return true if it became ready within {@code timeout}, false on time-out or when told to stop
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitReady(Duration timeout, BooleanSupplier keepWaiting) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (keepWaiting.getAsBoolean()) {
      if (isReady()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** Stops the HTTP threads. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return subjects.toString();
  }
}
