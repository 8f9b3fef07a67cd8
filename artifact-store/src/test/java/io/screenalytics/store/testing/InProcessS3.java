package io.screenalytics.store.testing;

import io.screenalytics.store.StoreConfig;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible server in this JVM for tests: s3proxy (HTTP, AWS V2/V4 signatures) over the jclouds
 * {@code transient} in-memory blobstore, on a free loopback port, with random credentials.
 *
 * <pre>{@code
 * try (InProcessS3 s3 = InProcessS3.start()) {
 *   s3.createBucket("episodes");
 *   try (ArtifactStore store = ArtifactStores.open(s3.settings("episodes", "run-1"))) { ... }
 * }
 * }</pre>
 *
 * <p>The server counts what it serves, so tests can check client behaviour from the server's side: the most
 * {@code PutObject}s in flight at once ({@link #maxConcurrentPuts()}, made observable by
 * {@link #putLatency(Duration)}) and the number of list requests ({@link #listRequests()}, one per page).
 *
 * <p>Thread-safe. Start takes about a second; share one per test class. Other modules depend on the
 * {@code artifact-store} test-jar and on {@code org.gaul:s3proxy} (see artifact-store/README.md).
 */
public final class InProcessS3 implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessS3.class);

  /** Region the credentials are used with (s3proxy accepts any). */
  public static final String REGION = "us-east-1";

  private final BlobStoreContext context;
  private final CountingBlobStore blobStore;
  private final S3Proxy proxy;
  private final String accessKey;
  private final String secretKey;
  private final URI endpoint;

  private InProcessS3(BlobStoreContext context, CountingBlobStore blobStore, S3Proxy proxy, String accessKey,
      String secretKey) {
    this.context = context;
    this.blobStore = blobStore;
    this.proxy = proxy;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /**
   * Starts a server with empty storage on a free port of 127.0.0.1.
   *
   * @throws IllegalStateException when it cannot start
   */
  public static InProcessS3 start() {
    String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
    String secretKey = "secret-" + UUID.randomUUID();
    // by ApiMetadata, not by id: a lookup by id loads every provider on the classpath, including s3proxy's Azure
    // one, whose jclouds-azureblob dependency is excluded
    BlobStoreContext context = ContextBuilder.newBuilder(new TransientApiMetadata())
        .credentials("identity", "credential")
        .overrides(new Properties())
        .build(BlobStoreContext.class);
    CountingBlobStore counting = new CountingBlobStore(context.getBlobStore());
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(counting)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start: state " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      context.close();
      throw new IllegalStateException("cannot start s3proxy", e);
    }
    InProcessS3 s3 = new InProcessS3(context, counting, proxy, accessKey, secretKey);
    LOG.info("in-process S3 (s3proxy, transient blobstore) at {}", s3.endpoint);
    return s3;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Access key id the server accepts. */
  public String accessKey() {
    return accessKey;
  }

  /** Secret key the server accepts (random per server). */
  public String secretKey() {
    return secretKey;
  }

  /** Creates {@code bucket} (no-op when it exists). */
  public void createBucket(String bucket) {
    blobStore.createContainerInLocation(null, bucket);
  }

  /**
   * {@code store.*} settings of an S3 store on {@code bucket} under {@code prefix} on this server: endpoint,
   * path-style, region and keys. Mutable, so tests can add or override settings.
   */
  public Map<String, String> settings(String bucket, String prefix) {
    Map<String, String> settings = clientSettings();
    settings.put(StoreConfig.TYPE, "s3");
    settings.put(StoreConfig.S3_BUCKET, bucket);
    settings.put(StoreConfig.S3_PREFIX, prefix);
    return settings;
  }

  /** Connection settings only (for {@code ArtifactStores.fetch} of {@code s3://} URIs); mutable. */
  public Map<String, String> clientSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(StoreConfig.S3_ENDPOINT, endpoint.toString());
    settings.put(StoreConfig.S3_REGION, REGION);
    settings.put(StoreConfig.S3_PATH_STYLE, "true");
    settings.put(StoreConfig.S3_ACCESS_KEY, accessKey);
    settings.put(StoreConfig.S3_SECRET_KEY, secretKey);
    return settings;
  }

  /** Makes the server hold every upload this long before storing it (0 to stop). */
  public void putLatency(Duration latency) {
    blobStore.putLatencyMs = latency.toMillis();
  }

  /** Most uploads the server has had in flight at once since start or {@link #resetCounters()}. */
  public int maxConcurrentPuts() {
    return blobStore.maxInFlight.get();
  }

  /** Uploads served since start or {@link #resetCounters()}. */
  public int puts() {
    return blobStore.puts.get();
  }

  /** Object-list requests (one per page) served since start or {@link #resetCounters()}. */
  public int listRequests() {
    return blobStore.lists.get();
  }

  /** Zeroes the counters. */
  public void resetCounters() {
    blobStore.maxInFlight.set(0);
    blobStore.puts.set(0);
    blobStore.lists.set(0);
  }

  /** Stops the server and drops everything stored. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("s3proxy at {} did not stop cleanly", endpoint, e);
    } finally {
      context.close();
    }
  }

  /** Counts uploads in flight and list requests on their way into the blobstore. */
  private static final class CountingBlobStore extends ForwardingBlobStore {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger lists = new AtomicInteger();
    volatile long putLatencyMs;

    CountingBlobStore(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public String putBlob(String container, Blob blob) {
      return putBlob(container, blob, PutOptions.NONE);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      puts.incrementAndGet();
      try {
        if (putLatencyMs > 0) {
          Thread.sleep(putLatencyMs);
        }
        return delegate().putBlob(container, blob, options);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
      lists.incrementAndGet();
      return delegate().list(container, options);
    }
  }
}
