package io.screenalytics.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ArtifactStore} on an S3 bucket (AWS S3 or an S3-compatible store such as MinIO or s3proxy): key
 * {@code k} is object {@code <prefix>k} in the bucket, so several stores can share a bucket under distinct
 * prefixes.
 *
 * <p>Runs on the AWS SDK v2 synchronous client over the JDK's {@code HttpURLConnection}. Each request is retried by
 * the SDK's standard retry strategy ({@link StoreConfig#maxAttempts()} attempts, exponential backoff with jitter);
 * nothing is retried here. At most {@link StoreConfig#maxConcurrency()} uploads are in flight per store: further
 * {@link #put} callers block until one finishes (fair order). Reads are not bounded.
 *
 * <p>Errors are {@link IOException}s naming the {@code s3://} URI, the bucket and the endpoint:
 * {@link NoSuchFileException} for a missing bucket, {@link java.nio.file.AccessDeniedException} for rejected
 * credentials, a plain {@link IOException} for an unreachable endpoint (after the retries). Neither
 * {@link #toString()} nor the log shows the credentials.
 *
 * <p>Thread-safe. Close it to release the HTTP client.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3ArtifactStore.class);

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final String endpoint;
  private final int maxConcurrency;
  private final int listPageSize;
  private final Semaphore uploads;

  /**
   * Opens a store on {@code config.bucket()} under {@code config.prefix()}. Does not contact the server: a
   * missing bucket or a wrong endpoint shows on the first request.
   *
   * @throws IllegalArgumentException when the config has no bucket
   */
  public S3ArtifactStore(StoreConfig config) {
    if (config.bucket() == null || config.bucket().isBlank()) {
      throw new IllegalArgumentException("S3 artifact store needs a bucket (" + StoreConfig.S3_BUCKET + ")");
    }
    this.bucket = config.bucket();
    this.prefix = StoreConfig.normalizePrefix(config.prefix());
    this.endpoint = S3Clients.describeEndpoint(config);
    this.maxConcurrency = config.maxConcurrency();
    this.listPageSize = config.listPageSize();
    this.uploads = new Semaphore(maxConcurrency, true);
    this.s3 = S3Clients.create(config);
    LOG.info("S3 artifact store s3://{}/{} at {}, path-style {}, {} credentials, at most {} uploads in flight, "
            + "{} attempts per request", bucket, prefix, endpoint, config.pathStyle(),
        config.hasStaticCredentials() ? "static" : "default-chain", maxConcurrency, config.maxAttempts());
  }

  /** The bucket. */
  public String bucket() {
    return bucket;
  }

  /** The key prefix inside the bucket: {@code ""} or ending in {@code /}. */
  public String prefix() {
    return prefix;
  }

  /** Most uploads in flight at once. */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** {@code s3://<bucket>/<prefix><key>} ({@code key} may be a directory {@code key/}). */
  @Override
  public String uri(String key) {
    return "s3://" + bucket + "/" + prefix + ArtifactKeys.validateKeyOrDirectory(key);
  }

  /**
   * Uploads {@code bytes} in one {@code PutObject} (atomic on S3: readers see the old or the new object). Blocks
   * while {@link #maxConcurrency()} other uploads of this store are in flight.
   *
   * @throws InterruptedIOException when interrupted while waiting for an upload slot
   * @throws IOException when the upload fails after the SDK's retries
   */
  @Override
  public void put(String key, byte[] bytes) throws IOException {
    String objectKey = objectKey(key);
    try {
      uploads.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting to upload " + uri(key));
    }
    long start = System.nanoTime();
    try {
      s3.putObject(b -> b.bucket(bucket).key(objectKey).contentLength((long) bytes.length),
          RequestBody.fromBytes(bytes));
      LOG.debug("put {} ({} bytes) in {} ms", uri(key), bytes.length, (System.nanoTime() - start) / 1_000_000);
    } catch (SdkException e) {
      throw S3Errors.toIOException("put", uri(key), bucket, endpoint, e);
    } finally {
      uploads.release();
    }
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey)).asByteArrayUnsafe());
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Errors.toIOException("get", uri(key), bucket, endpoint, e);
    }
  }

  /**
   * Reads {@code s3://bucket/key} through this store's client, whatever the bucket (the key verbatim, without the
   * store's prefix); the endpoint, region and credentials are the store's.
   *
   * @throws NoSuchFileException naming the URI when the object or bucket is absent
   * @throws IllegalArgumentException for a URI that is not {@code s3://bucket/key}
   */
  @Override
  public byte[] readUri(String uri) throws IOException {
    if (!ArtifactStores.isS3Uri(uri)) {
      throw new IllegalArgumentException("an S3 store reads s3://bucket/key URIs, not '" + uri + "'");
    }
    ArtifactStores.S3Location location = ArtifactStores.S3Location.parse(uri);
    try {
      return s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key())).asByteArrayUnsafe();
    } catch (SdkException e) {
      throw S3Errors.toIOException("get", uri, location.bucket(), endpoint, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws NoSuchFileException naming the URI when absent
   */
  @Override
  public byte[] require(String key) throws IOException {
    return get(key).orElseThrow(() -> new NoSuchFileException(uri(key), null, "no such object"));
  }

  /** {@inheritDoc} (A {@code HeadObject}; a missing bucket also reads as false, since HEAD has no error body.) */
  @Override
  public boolean exists(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      s3.headObject(b -> b.bucket(bucket).key(objectKey));
      return true;
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      throw S3Errors.toIOException("check", uri(key), bucket, endpoint, e);
    }
  }

  /**
   * {@inheritDoc} Follows {@code ListObjectsV2} continuation tokens, {@link StoreConfig#listPageSize()} keys per
   * page. Objects under the prefix whose names are not valid {@link ArtifactKeys} are skipped.
   */
  @Override
  public List<String> list(String keyPrefix) throws IOException {
    ArtifactKeys.validatePrefix(keyPrefix);
    ListObjectsV2Request request = ListObjectsV2Request.builder()
        .bucket(bucket).prefix(prefix + keyPrefix).maxKeys(listPageSize).build();
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
        String key = object.key().substring(prefix.length());
        if (ArtifactKeys.isValid(key)) {
          keys.add(key);
        }
      }
    } catch (SdkException e) {
      throw S3Errors.toIOException("list", "s3://" + bucket + "/" + prefix + keyPrefix, bucket, endpoint, e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
    } catch (SdkException e) {
      if (!S3Errors.isNotFound(e)) {
        throw S3Errors.toIOException("delete", uri(key), bucket, endpoint, e);
      }
    }
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    s3.close();
  }

  /** Bucket, prefix, endpoint and limits; never credentials. */
  @Override
  public String toString() {
    return "S3ArtifactStore[s3://" + bucket + "/" + prefix + " at " + endpoint + ", maxConcurrency="
        + maxConcurrency + "]";
  }

  private String objectKey(String key) {
    return prefix + ArtifactKeys.validate(key);
  }
}
