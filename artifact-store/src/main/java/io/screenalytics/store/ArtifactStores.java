package io.screenalytics.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opening stores from settings, naming objects by URI, and fetching {@code s3://} inputs to local files.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArtifactStores {

  private static final Logger LOG = LoggerFactory.getLogger(ArtifactStores.class);

  /** Scheme prefix of S3 object URIs. */
  public static final String S3_SCHEME = "s3://";

  private ArtifactStores() {}

  /**
   * The store the {@code store.*} settings describe (see {@link StoreConfig}): a {@link LocalArtifactStore} on
   * {@code store.root} or an {@link S3ArtifactStore} on {@code store.s3.bucket}. Close it when done.
   *
   * @throws ConfigException listing every invalid setting
   */
  public static ArtifactStore open(Map<String, String> settings) {
    return open(StoreConfig.from(settings));
  }

  /** The store {@code config} describes; see {@link #open(Map)}. */
  public static ArtifactStore open(StoreConfig config) {
    return config.type() == StoreConfig.Type.S3 ? new S3ArtifactStore(config) : new LocalArtifactStore(config.root());
  }

  /**
   * Where {@code key} lives in {@code store}: {@code file:///abs/path/key} or {@code s3://bucket/prefix/key}.
   *
   * @throws IllegalArgumentException for an invalid key
   */
  public static String uri(ArtifactStore store, String key) {
    return store.uri(key);
  }

  /** Whether {@code location} is an {@code s3://bucket/key} URI (by its scheme only). */
  public static boolean isS3Uri(String location) {
    return location != null && location.regionMatches(true, 0, S3_SCHEME, 0, S3_SCHEME.length());
  }

  /**
   * A local file holding the object {@code location} names.
   *
   * <p>For {@code s3://bucket/key} the object is streamed (never held in memory) into a new file in
   * {@code tempDir} (created if missing) whose name ends with the key's last segment, so extensions survive; the
   * caller deletes it. The key is taken verbatim (no percent-decoding) and need not be a valid
   * {@link ArtifactKeys} key; {@code store.s3.bucket} and {@code store.s3.prefix} are ignored, while the endpoint,
   * region, path-style, credentials and attempts come from {@code settings}. A {@code file:} URI or a plain path
   * is returned as that path, unchecked and uncopied.
   *
   * @param location  {@code s3://bucket/key}, a {@code file:} URI or a local path
   * @param settings  {@code store.*} settings (see {@link StoreConfig})
   * @param tempDir   directory for downloaded files
   * @return the local file
   * @throws java.nio.file.NoSuchFileException naming the URI for a missing object or bucket
   * @throws java.nio.file.AccessDeniedException naming the URI when the credentials are rejected
   * @throws IOException naming the URI and endpoint when the endpoint cannot be reached (after the SDK's
   *                     retries) or the download fails; no partial file is left behind
   * @throws IllegalArgumentException for a malformed {@code s3://} URI or an unsupported scheme
   * @throws ConfigException for invalid settings
   */
  public static Path fetch(String location, Map<String, String> settings, Path tempDir) throws IOException {
    if (!isS3Uri(location)) {
      return localPath(location);
    }
    S3Location s3Location = S3Location.parse(location);
    StoreConfig config = StoreConfig.from(settings).withBucket(s3Location.bucket(), "");
    String endpoint = S3Clients.describeEndpoint(config);
    Files.createDirectories(tempDir);
    Path target = Files.createTempFile(tempDir, "fetch-", "-" + s3Location.fileName());
    boolean done = false;
    long start = System.nanoTime();
    try (S3Client s3 = S3Clients.create(config);
        InputStream in = s3.getObject(b -> b.bucket(s3Location.bucket()).key(s3Location.key()))) {
      long bytes = Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      LOG.info("fetched {} ({} bytes) from {} to {} in {} ms", location, bytes, endpoint, target,
          (System.nanoTime() - start) / 1_000_000);
      return target;
    } catch (SdkException e) {
      throw S3Errors.toIOException("fetch", location, s3Location.bucket(), endpoint, e);
    } catch (IOException e) {
      throw new IOException("cannot fetch " + location + " from " + endpoint + " to " + target + ": " + e, e);
    } finally {
      if (!done) {
        Files.deleteIfExists(target);
      }
    }
  }

  /** The path a {@code file:} URI or a plain path names; see {@link #fetch}. */
  static Path localPath(String location) {
    int colon = location.indexOf(':');
    boolean hasScheme = colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    if (!hasScheme) {
      return Path.of(location);
    }
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      return Path.of(URI.create(location));
    }
    throw new IllegalArgumentException("unsupported location '" + location
        + "': expected s3://bucket/key, a file: URI or a local path");
  }

  /** Bucket and key of an {@code s3://bucket/key} URI. */
  record S3Location(String bucket, String key) {

    /**
     * Splits at the first {@code /} after the bucket.
     *
     * @throws IllegalArgumentException when the bucket or the key is empty
     */
    static S3Location parse(String uri) {
      String rest = uri.substring(S3_SCHEME.length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) {
        throw new IllegalArgumentException("malformed S3 URI '" + uri + "': expected s3://bucket/key");
      }
      return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key's last segment reduced to file-name-safe characters, for temporary file names. */
    String fileName() {
      String last = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
      if (last.length() > 100) {
        last = last.substring(last.length() - 100);
      }
      return last.isEmpty() ? "object" : last;
    }
  }
}
