package io.screenalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRET";

  @Test
  void shouldDefaultToTheLocalStore() {
    StoreConfig config = StoreConfig.from(Map.of("unrelated.setting", "x"));

    assertThat(config.type()).isEqualTo(StoreConfig.Type.LOCAL);
    assertThat(config.root()).isEqualTo(Path.of("screenalytics-data"));
    assertThat(config.bucket()).isEmpty();
    assertThat(config.prefix()).isEmpty();
    assertThat(config.endpoint()).isNull();
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.pathStyle()).isFalse();
    assertThat(config.hasStaticCredentials()).isFalse();
    assertThat(config.maxConcurrency()).isEqualTo(4);
    assertThat(config.maxAttempts()).isEqualTo(3);
    assertThat(config.listPageSize()).isEqualTo(1000);
  }

  @Test
  void shouldParseEveryS3Setting() {
    StoreConfig config = StoreConfig.from(Map.ofEntries(
        Map.entry("store.type", "S3"),
        Map.entry("store.root", "/data/store"),
        Map.entry("store.s3.bucket", "screenalytics-results"),
        Map.entry("store.s3.prefix", "/prod/run-1"),
        Map.entry("store.s3.endpoint", "http://minio:9000"),
        Map.entry("store.s3.region", "eu-west-1"),
        Map.entry("store.s3.path.style", "true"),
        Map.entry("store.s3.access.key", "AKIAEXAMPLE"),
        Map.entry("store.s3.secret.key", SECRET),
        Map.entry("store.s3.max.concurrency", "8"),
        Map.entry("store.s3.max.attempts", "5"),
        Map.entry("store.s3.list.page.size", "100")));

    assertThat(config.type()).isEqualTo(StoreConfig.Type.S3);
    assertThat(config.root()).isEqualTo(Path.of("/data/store"));
    assertThat(config.bucket()).isEqualTo("screenalytics-results");
    assertThat(config.prefix()).isEqualTo("prod/run-1/");
    assertThat(config.endpoint()).isEqualTo(URI.create("http://minio:9000"));
    assertThat(config.region()).isEqualTo("eu-west-1");
    assertThat(config.pathStyle()).isTrue();
    assertThat(config.hasStaticCredentials()).isTrue();
    assertThat(config.accessKey().value()).isEqualTo("AKIAEXAMPLE");
    assertThat(config.secretKey().value()).isEqualTo(SECRET);
    assertThat(config.maxConcurrency()).isEqualTo(8);
    assertThat(config.maxAttempts()).isEqualTo(5);
    assertThat(config.listPageSize()).isEqualTo(100);
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    Map<String, String> settings = Map.of(
        "store.type", "s3",
        "store.s3.endpoint", "minio:9000",
        "store.s3.path.style", "maybe",
        "store.s3.max.concurrency", "0",
        "store.s3.list.page.size", "5000",
        "store.s3.prefix", "a/../b",
        "store.s3.secret.key", SECRET);

    assertThatThrownBy(() -> StoreConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.s3.bucket: required when store.type=s3")
        .hasMessageContaining("store.s3.endpoint")
        .hasMessageContaining("store.s3.path.style")
        .hasMessageContaining("store.s3.max.concurrency")
        .hasMessageContaining("store.s3.list.page.size")
        .hasMessageContaining("store.s3.prefix")
        .hasMessageContaining("store.s3.access.key and store.s3.secret.key: set both or neither")
        .message().doesNotContain(SECRET);
  }

  @Test
  void shouldRejectAnUnknownTypeAndABadBucketName() {
    assertThatThrownBy(() -> StoreConfig.from(Map.of("store.type", "gcs", "store.s3.bucket", "Not_A_Bucket")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.type")
        .hasMessageContaining("'Not_A_Bucket' is not a valid bucket name");
  }

  @Test
  void shouldNeverShowTheSecretKey() {
    StoreConfig config = StoreConfig.from(Map.of("store.type", "s3", "store.s3.bucket", "b1b",
        "store.s3.access.key", "AKIAEXAMPLE", "store.s3.secret.key", SECRET));

    assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("AKIAEXAMPLE").contains("[hidden]");
    assertThat(config.withBucket("other", "p").toString()).doesNotContain(SECRET);
    assertThat(StoreConfig.DEF.toRst()).doesNotContain(SECRET);
  }

  @Test
  void shouldNormalizePrefixes() {
    assertThat(StoreConfig.normalizePrefix("")).isEmpty();
    assertThat(StoreConfig.normalizePrefix("a")).isEqualTo("a/");
    assertThat(StoreConfig.normalizePrefix("/a/b/")).isEqualTo("a/b/");
  }
}
