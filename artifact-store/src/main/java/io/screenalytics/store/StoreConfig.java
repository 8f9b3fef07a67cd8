package io.screenalytics.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Where artifacts are stored: the {@code store.*} settings, declared once in {@link #DEF} and parsed by
 * {@link #from(Map)}.
 *
 * <p>The keys are {@link Password}s, whose {@code toString()} is {@code [hidden]}, so neither this record's
 * {@code toString()} nor a validation error ever shows them.
 *
 * @param type           {@link Type#LOCAL} (a directory) or {@link Type#S3} (a bucket)
 * @param root           root directory of the local store (absolute or relative to the working directory)
 * @param bucket         S3 bucket; {@code ""} when unset (required for {@link Type#S3})
 * @param prefix         key prefix inside the bucket, {@code ""} or valid {@link ArtifactKeys} segments ending in
 *                       {@code /}; a store with prefix {@code p/} keeps key {@code k} as object {@code p/k}
 * @param endpoint       endpoint override for S3-compatible stores (MinIO, s3proxy), or null for AWS
 * @param region         S3 region, also used to sign requests to an endpoint override
 * @param pathStyle      path-style ({@code http://host/bucket/key}) instead of virtual-host addressing
 * @param accessKey      static access key id, or null for the SDK's default credentials provider chain
 * @param secretKey      static secret key, or null (set together with {@code accessKey})
 * @param maxConcurrency uploads in flight at once per store, at least 1
 * @param maxAttempts    attempts per S3 request including the first, for the SDK's standard retry strategy
 * @param listPageSize   keys per {@code ListObjectsV2} page, 1..1000
 */
public record StoreConfig(Type type, Path root, String bucket, String prefix, URI endpoint, String region,
    boolean pathStyle, Password accessKey, Password secretKey, int maxConcurrency, int maxAttempts,
    int listPageSize) {

  /** Kind of store. */
  public enum Type { LOCAL, S3 }

  public static final String TYPE = "store.type";
  public static final String ROOT = "store.root";
  public static final String S3_BUCKET = "store.s3.bucket";
  public static final String S3_PREFIX = "store.s3.prefix";
  public static final String S3_ENDPOINT = "store.s3.endpoint";
  public static final String S3_REGION = "store.s3.region";
  public static final String S3_PATH_STYLE = "store.s3.path.style";
  public static final String S3_ACCESS_KEY = "store.s3.access.key";
  public static final String S3_SECRET_KEY = "store.s3.secret.key";
  public static final String S3_MAX_CONCURRENCY = "store.s3.max.concurrency";
  public static final String S3_MAX_ATTEMPTS = "store.s3.max.attempts";
  public static final String S3_LIST_PAGE_SIZE = "store.s3.list.page.size";

  /** Default root of the local store. */
  public static final String DEFAULT_ROOT = "screenalytics-data";

  /** S3 bucket naming rules (lower case, 3..63 characters), which MinIO also enforces. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** The declarations: name, type, default, validator and documentation of every setting. */
  public static final ConfigDef DEF = new ConfigDef()
      .define(TYPE, ConfigDef.Type.STRING, "local", CaseInsensitiveValidString.in("local", "s3"), Importance.HIGH,
          "Where artifacts live: local (a directory, store.root) or s3 (a bucket, store.s3.*).")
      .define(ROOT, ConfigDef.Type.STRING, DEFAULT_ROOT, new NonEmptyString(), Importance.HIGH,
          "Root directory of the local store.")
      .define(S3_BUCKET, ConfigDef.Type.STRING, "", Importance.HIGH,
          "S3 bucket of the store; required when store.type=s3.")
      .define(S3_PREFIX, ConfigDef.Type.STRING, "", Importance.MEDIUM,
          "Key prefix inside the bucket, e.g. screenalytics/prod (a trailing / is added).")
      .define(S3_ENDPOINT, ConfigDef.Type.STRING, "", new HttpUrlOrEmpty(), Importance.MEDIUM,
          "Endpoint override for S3-compatible stores, e.g. http://minio:9000; empty for AWS S3.")
      .define(S3_REGION, ConfigDef.Type.STRING, "us-east-1", new NonEmptyString(), Importance.MEDIUM,
          "S3 region; with an endpoint override, the region requests are signed for.")
      .define(S3_PATH_STYLE, ConfigDef.Type.BOOLEAN, false, Importance.MEDIUM,
          "Path-style addressing (http://host/bucket/key); most S3-compatible stores need true.")
      .define(S3_ACCESS_KEY, ConfigDef.Type.PASSWORD, null, Importance.MEDIUM,
          "Static access key id; when unset the AWS SDK default credentials provider chain is used.")
      .define(S3_SECRET_KEY, ConfigDef.Type.PASSWORD, null, Importance.MEDIUM,
          "Static secret key, set together with store.s3.access.key. Never logged.")
      .define(S3_MAX_CONCURRENCY, ConfigDef.Type.INT, 4, Range.between(1, 256), Importance.MEDIUM,
          "Uploads in flight at once per store; more callers wait (unbounded parallel uploads hurt).")
      .define(S3_MAX_ATTEMPTS, ConfigDef.Type.INT, 3, Range.between(1, 20), Importance.LOW,
          "Attempts per S3 request including the first (the SDK's standard retry strategy with backoff).")
      .define(S3_LIST_PAGE_SIZE, ConfigDef.Type.INT, 1000, Range.between(1, 1000), Importance.LOW,
          "Keys per ListObjectsV2 page.");

  /**
   * Parses and validates the {@code store.*} settings; other keys are ignored.
   *
   * @param settings raw settings (names as in {@link #DEF})
   * @throws ConfigException listing every problem at once, including cross-field ones (s3 without a bucket,
   *                         an access key without a secret key)
   */
  public static StoreConfig from(Map<String, String> settings) {
    Map<String, String> declared = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (DEF.names().contains(k)) {
        declared.put(k, v);
      }
    });
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigValue v : DEF.validate(declared)) {
      v.errorMessages().forEach(msg -> problems.add(v.name() + ": " + msg));
      values.put(v.name(), v.value());
    }
    Type type = "s3".equalsIgnoreCase(trimmed(values.get(TYPE))) ? Type.S3 : Type.LOCAL;
    String bucket = trimmed(values.get(S3_BUCKET));
    if (type == Type.S3 && bucket.isEmpty()) {
      problems.add(S3_BUCKET + ": required when " + TYPE + "=s3");
    } else if (!bucket.isEmpty() && !BUCKET.matcher(bucket).matches()) {
      problems.add(S3_BUCKET + ": '" + bucket + "' is not a valid bucket name (3-63 of a-z 0-9 . -)");
    }
    String prefix = normalizePrefix(trimmed(values.get(S3_PREFIX)));
    if (!prefix.isEmpty() && !ArtifactKeys.isValid(prefix.substring(0, prefix.length() - 1))) {
      problems.add(S3_PREFIX + ": '" + prefix + "' must be '/'-separated segments " + ArtifactKeys.SEGMENT.pattern());
    }
    Password accessKey = blankToNull((Password) values.get(S3_ACCESS_KEY));
    Password secretKey = blankToNull((Password) values.get(S3_SECRET_KEY));
    if ((accessKey == null) != (secretKey == null)) {
      problems.add(S3_ACCESS_KEY + " and " + S3_SECRET_KEY + ": set both or neither");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException("invalid store settings:\n  " + String.join("\n  ", problems));
    }
    String endpoint = trimmed(values.get(S3_ENDPOINT));
    return new StoreConfig(type, Path.of(trimmed(values.get(ROOT))), bucket, prefix,
        endpoint.isEmpty() ? null : URI.create(endpoint), trimmed(values.get(S3_REGION)),
        (Boolean) values.get(S3_PATH_STYLE), accessKey, secretKey, (Integer) values.get(S3_MAX_CONCURRENCY),
        (Integer) values.get(S3_MAX_ATTEMPTS), (Integer) values.get(S3_LIST_PAGE_SIZE));
  }

  /** Whether static keys are set (else the SDK default credentials provider chain is used). */
  public boolean hasStaticCredentials() {
    return accessKey != null && secretKey != null;
  }

  /** A copy addressing another bucket and prefix with the same endpoint, credentials and limits. */
  public StoreConfig withBucket(String newBucket, String newPrefix) {
    return new StoreConfig(type, root, newBucket, normalizePrefix(newPrefix), endpoint, region, pathStyle,
        accessKey, secretKey, maxConcurrency, maxAttempts, listPageSize);
  }

  /** {@code ""} stays empty; otherwise leading slashes are removed and one trailing slash is ensured. */
  static String normalizePrefix(String prefix) {
    String p = prefix.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.isEmpty() || p.endsWith("/") ? p : p + "/";
  }

  private static String trimmed(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  private static Password blankToNull(Password password) {
    return password == null || password.value().isBlank() ? null : password;
  }

  /** Accepts an empty value or an absolute http(s) URI with a host. */
  private static final class HttpUrlOrEmpty implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String s = trimmed(value);
      if (s.isEmpty()) {
        return;
      }
      try {
        URI uri = new URI(s);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new ConfigException(name, value, "must be empty or an http:// or https:// URL with a host");
    }

    @Override
    public String toString() {
      return "empty or http(s) URL";
    }
  }
}
