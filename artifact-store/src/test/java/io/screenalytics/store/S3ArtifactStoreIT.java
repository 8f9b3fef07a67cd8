package io.screenalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.screenalytics.store.testing.InProcessS3;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@link S3ArtifactStore} and {@link ArtifactStores#fetch} against a real S3-compatible server (s3proxy). */
class S3ArtifactStoreIT {

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static InProcessS3 server;

  @TempDir Path tempDir;
  private String bucket;

  @BeforeAll
  static void startServer() {
    server = InProcessS3.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newBucket() {
    bucket = "bucket-" + BUCKETS.incrementAndGet();
    server.createBucket(bucket);
    server.resetCounters();
    server.putLatency(Duration.ZERO);
  }

  @AfterEach
  void resetLatency() {
    server.putLatency(Duration.ZERO);
  }

  @Test
  void shouldPutGetCheckAndDeleteObjects() throws IOException {
    try (S3ArtifactStore store = open(server.settings(bucket, "runs/r1"))) {
      byte[] manifest = "{\"files\":[]}".getBytes(StandardCharsets.UTF_8);

      store.put("episodes/e1/manifest.json", manifest);
      store.put("episodes/e1/empty.bin", new byte[0]);

      assertThat(store.get("episodes/e1/manifest.json")).get().isEqualTo(manifest);
      assertThat(store.require("episodes/e1/empty.bin")).isEmpty();
      assertThat(store.get("episodes/e1/missing.json")).isEmpty();
      assertThat(store.exists("episodes/e1/manifest.json")).isTrue();
      assertThat(store.exists("episodes/e1/missing.json")).isFalse();
      assertThatThrownBy(() -> store.require("episodes/e1/missing.json"))
          .isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining("s3://" + bucket + "/runs/r1/episodes/e1/missing.json");

      store.put("episodes/e1/manifest.json", new byte[] {42});
      assertThat(store.require("episodes/e1/manifest.json")).containsExactly(42);

      store.delete("episodes/e1/manifest.json");
      store.delete("episodes/e1/manifest.json");
      assertThat(store.exists("episodes/e1/manifest.json")).isFalse();
      assertThat(store.list("")).containsExactly("episodes/e1/empty.bin");
      assertThatThrownBy(() -> store.put("../escape", new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldListByPrefixInOrderAcrossSeveralPages() throws IOException {
    Map<String, String> settings = server.settings(bucket, "");
    settings.put(StoreConfig.S3_LIST_PAGE_SIZE, "2");
    try (S3ArtifactStore store = open(settings)) {
      for (String key : List.of("episodes/e10/a.json", "episodes/e1/thumbnails/x/01.jpg", "episodes/e1/b.json",
          "episodes/e1/a.json", "episodes/e1/c.json", "episodes/e2/a.json", "facebanks/hamilton.json")) {
        store.put(key, new byte[] {1});
      }
      server.resetCounters();

      assertThat(store.list("episodes/e1/")).containsExactly("episodes/e1/a.json", "episodes/e1/b.json",
          "episodes/e1/c.json", "episodes/e1/thumbnails/x/01.jpg");
      assertThat(server.listRequests()).isGreaterThanOrEqualTo(2);
      assertThat(store.list("episodes/e1")).hasSize(5).last().isEqualTo("episodes/e10/a.json");
      assertThat(store.list("")).hasSize(7).isSorted();
      assertThat(store.list("nothing/")).isEmpty();
    }
  }

  @Test
  void shouldKeepStoresUnderDistinctPrefixesApart() throws IOException {
    try (S3ArtifactStore one = open(server.settings(bucket, "one"));
        S3ArtifactStore two = open(server.settings(bucket, "one-two/"));
        S3ArtifactStore whole = open(server.settings(bucket, ""))) {
      one.put("k.json", new byte[] {1});
      two.put("k.json", new byte[] {2});

      assertThat(one.require("k.json")).containsExactly(1);
      assertThat(two.require("k.json")).containsExactly(2);
      assertThat(one.list("")).containsExactly("k.json");
      assertThat(two.list("")).containsExactly("k.json");
      assertThat(whole.list("")).containsExactly("one-two/k.json", "one/k.json");
      assertThat(one.uri("k.json")).isEqualTo("s3://" + bucket + "/one/k.json");
      assertThat(two.uri("episodes/e1/")).isEqualTo("s3://" + bucket + "/one-two/episodes/e1/");
      assertThat(whole.uri("k.json")).isEqualTo("s3://" + bucket + "/k.json");

      one.delete("k.json");
      assertThat(two.exists("k.json")).isTrue();
    }
  }

  @Test
  void shouldNeverHaveMoreUploadsInFlightThanTheLimit() throws Exception {
    server.putLatency(Duration.ofMillis(40));

    assertThat(maxUploadsInFlight(3, 12, 36)).isEqualTo(3);
    // the same load through a wider limit does overlap more: the server really sees concurrent uploads
    assertThat(maxUploadsInFlight(8, 12, 36)).isGreaterThan(3).isLessThanOrEqualTo(8);
  }

  /** Most uploads the server saw in flight when {@code threads} threads put {@code puts} objects. */
  private int maxUploadsInFlight(int limit, int threads, int puts) throws Exception {
    Map<String, String> settings = server.settings(bucket, "limit-" + limit);
    settings.put(StoreConfig.S3_MAX_CONCURRENCY, Integer.toString(limit));
    server.resetCounters();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (S3ArtifactStore store = open(settings)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < puts; i++) {
        String key = "frames/" + i + ".jpg";
        futures.add(pool.submit(() -> {
          store.put(key, new byte[1024]);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      assertThat(store.list("frames/")).hasSize(puts);
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.puts()).isEqualTo(puts);
    return server.maxConcurrentPuts();
  }

  @Test
  void shouldFetchAnS3ObjectToATemporaryFile() throws IOException {
    byte[] video = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(video);
    try (ArtifactStore store = ArtifactStores.open(server.settings(bucket, "inputs"))) {
      store.put("shows/s01e02.mp4", video);
      String uri = ArtifactStores.uri(store, "shows/s01e02.mp4");
      assertThat(uri).isEqualTo("s3://" + bucket + "/inputs/shows/s01e02.mp4");

      Path fetched = ArtifactStores.fetch(uri, server.clientSettings(), tempDir.resolve("downloads"));

      assertThat(fetched.getParent()).isEqualTo(tempDir.resolve("downloads"));
      assertThat(fetched.getFileName().toString()).endsWith("-s01e02.mp4");
      assertThat(Files.readAllBytes(fetched)).isEqualTo(video);
    }
  }

  @Test
  void shouldReadAnObjectByItsUriThroughTheStoresOwnClient() throws IOException {
    // Given a claim-checked frame stored under a prefix
    byte[] frame = new byte[9 * 1024 * 1024];
    new Random(11).nextBytes(frame);
    try (ArtifactStore store = ArtifactStores.open(server.settings(bucket, "prod"))) {
      store.put("episodes/e1/frames/42.jpg", frame);
      String uri = store.uri("episodes/e1/frames/42.jpg");

      // When / Then its URI reads back the bytes, and a missing object is named in the error
      assertThat(store.readUri(uri)).isEqualTo(frame);
      String missing = "s3://" + bucket + "/prod/episodes/e1/frames/43.jpg";
      assertThatThrownBy(() -> store.readUri(missing)).isInstanceOf(NoSuchFileException.class)
          .hasMessageContaining(missing);
      assertThatThrownBy(() -> store.readUri("file:///tmp/x.jpg")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shouldFailFetchesWithErrorsNamingTheUri() throws IOException {
    String missingKey = "s3://" + bucket + "/no/such.mp4";
    assertThatThrownBy(() -> ArtifactStores.fetch(missingKey, server.clientSettings(), tempDir))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missingKey).hasMessageContaining("no such object");

    String missingBucket = "s3://no-such-bucket/x.mp4";
    assertThatThrownBy(() -> ArtifactStores.fetch(missingBucket, server.clientSettings(), tempDir))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missingBucket)
        .hasMessageContaining("no such bucket 'no-such-bucket'");

    Map<String, String> wrongSecret = server.clientSettings();
    wrongSecret.put(StoreConfig.S3_SECRET_KEY, "not-the-secret");
    assertThatThrownBy(() -> ArtifactStores.fetch(missingKey, wrongSecret, tempDir))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining(missingKey);

    Map<String, String> unreachable = server.clientSettings();
    unreachable.put(StoreConfig.S3_ENDPOINT, "http://127.0.0.1:" + freePort());
    unreachable.put(StoreConfig.S3_MAX_ATTEMPTS, "2");
    assertThatThrownBy(() -> ArtifactStores.fetch(missingKey, unreachable, tempDir))
        .isInstanceOf(IOException.class).hasMessageContaining(missingKey)
        .hasMessageContaining(unreachable.get(StoreConfig.S3_ENDPOINT));

    try (var left = Files.list(tempDir)) {
      assertThat(left).as("no partial downloads left behind").isEmpty();
    }
  }

  @Test
  void shouldNameBucketAndKeyWhenTheStoreFails() throws IOException {
    try (S3ArtifactStore store = open(server.settings("no-such-bucket", "p"))) {
      // the in-process server may answer 404 before the request body is written; the client then reports the
      // broken upload instead of the 404 (seen once in CI): either way the error names the object and the bucket
      assertThatThrownBy(() -> store.put("a/b.json", new byte[] {1}))
          .isInstanceOf(IOException.class).hasMessageContaining("s3://no-such-bucket/p/a/b.json")
          .hasMessageContaining("no-such-bucket");
      assertThatThrownBy(() -> store.get("a/b.json"))
          .isInstanceOf(IOException.class).hasMessageContaining("no-such-bucket");
      assertThatThrownBy(() -> store.list("a/"))
          .isInstanceOf(IOException.class).hasMessageContaining("no-such-bucket");
    }
  }

  @Test
  void shouldNeverShowTheSecretKeyInToStringErrorsOrLogs() throws IOException {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    List<Logger> loggers = IntStream.range(0, 2).mapToObj(i -> (Logger) LoggerFactory.getLogger(
        i == 0 ? "io.screenalytics.store" : "software.amazon.awssdk")).toList();
    List<Level> levels = loggers.stream().map(Logger::getLevel).toList();
    loggers.forEach(l -> {
      l.setLevel(Level.DEBUG);
      l.setAdditive(false);
      l.addAppender(captured);
    });
    List<String> texts = new ArrayList<>();
    try {
      Map<String, String> settings = server.settings(bucket, "secret-test");
      StoreConfig config = StoreConfig.from(settings);
      try (S3ArtifactStore store = new S3ArtifactStore(config)) {
        store.put("a.json", new byte[] {1});
        store.get("a.json");
        store.list("");
        texts.add(store.toString());
        texts.add(config.toString());
      }
      Map<String, String> invalid = server.settings("", "");
      invalid.put(StoreConfig.S3_MAX_CONCURRENCY, "0");
      assertThatThrownBy(() -> StoreConfig.from(invalid)).satisfies(e -> texts.add(e.getMessage()));
      Map<String, String> unreachable = server.clientSettings();
      unreachable.put(StoreConfig.S3_ENDPOINT, "http://127.0.0.1:" + freePort());
      unreachable.put(StoreConfig.S3_MAX_ATTEMPTS, "1");
      assertThatThrownBy(() -> ArtifactStores.fetch("s3://" + bucket + "/x", unreachable, tempDir))
          .satisfies(e -> texts.add(e.toString()));
    } finally {
      for (int i = 0; i < loggers.size(); i++) {
        loggers.get(i).detachAppender(captured);
        loggers.get(i).setAdditive(true);
        loggers.get(i).setLevel(levels.get(i));
      }
    }
    captured.list.forEach(e -> texts.add(e.getFormattedMessage()));

    assertThat(captured.list).as("debug logging was captured").isNotEmpty();
    assertThat(texts).noneMatch(t -> t.contains(server.secretKey()));
  }

  private static S3ArtifactStore open(Map<String, String> settings) {
    return (S3ArtifactStore) ArtifactStores.open(settings);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
