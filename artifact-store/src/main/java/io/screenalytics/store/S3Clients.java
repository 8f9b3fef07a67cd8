package io.screenalytics.store;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the synchronous S3 client of a {@link StoreConfig}: JDK {@code HttpURLConnection} transport (no Netty,
 * no Apache HttpClient), the SDK's standard retry strategy with {@link StoreConfig#maxAttempts()}, static keys
 * or the default credentials provider chain, optional endpoint override and path-style addressing.
 *
 * <p>On AWS S3 the SDK's default integrity checksums (CRC32 on upload and download) stay on; with an endpoint
 * override they are computed only where an operation requires them, since S3-compatible stores commonly reject
 * them. Over plain HTTP the payload is still covered by the SigV4 signature ({@code x-amz-content-sha256}).
 */
final class S3Clients {

  /** Time to open a TCP connection before the attempt fails (and is retried by the SDK). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Longest silence on an open connection while reading or writing. */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private S3Clients() {}

  /** A new client; the caller closes it. */
  static S3Client create(StoreConfig config) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT))
        .region(Region.of(config.region()))
        .forcePathStyle(config.pathStyle())
        .credentialsProvider(credentials(config))
        .overrideConfiguration(o -> o.retryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.maxAttempts()).build()));
    if (config.endpoint() != null) {
      // S3-compatible stores (s3proxy 2.6, older MinIO, Ceph) reject the SDK's default flexible checksums
      // (aws-chunked upload trailers, x-amz-checksum-mode on GET); checksum only where an operation requires it
      builder.endpointOverride(config.endpoint())
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /** Where requests go, for messages: the endpoint override or "AWS S3 (region)". */
  static String describeEndpoint(StoreConfig config) {
    return config.endpoint() != null ? config.endpoint().toString() : "AWS S3 " + config.region();
  }

  private static AwsCredentialsProvider credentials(StoreConfig config) {
    if (config.hasStaticCredentials()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(config.accessKey().value(), config.secretKey().value()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
