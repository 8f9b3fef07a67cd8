package io.screenalytics.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK exceptions into {@link IOException}s that name the object and the endpoint. */
final class S3Errors {

  private S3Errors() {}

  /**
   * The exception to throw for a failed {@code operation} on {@code uri}.
   *
   * @return {@link NoSuchFileException} for a missing object or bucket, {@link AccessDeniedException} for 401/403
   *         (bad credentials, signature or permissions), else an {@link IOException} (unreachable endpoint after
   *         the SDK's retries, server errors)
   */
  static IOException toIOException(String operation, String uri, String bucket, String endpoint, SdkException e) {
    String where = " (bucket '" + bucket + "', endpoint " + endpoint + ")";
    if (e instanceof NoSuchKeyException) {
      return withCause(new NoSuchFileException(uri, null, "no such object" + where), e);
    }
    if (e instanceof NoSuchBucketException || isCode(e, "NoSuchBucket")) {
      return withCause(new NoSuchFileException(uri, null, "no such bucket '" + bucket + "'" + where), e);
    }
    if (e instanceof S3Exception s3 && (s3.statusCode() == 401 || s3.statusCode() == 403)) {
      return withCause(new AccessDeniedException(uri, null,
          "access denied (" + errorCode(s3) + ", HTTP " + s3.statusCode() + ")" + where), e);
    }
    if (e instanceof SdkClientException) {
      // connection refused or timed out after the SDK's retries, no credentials found, ...
      return new IOException("cannot " + operation + " " + uri + ": request failed" + where + ": " + e.getMessage(),
          e);
    }
    return new IOException("cannot " + operation + " " + uri + where + ": " + e.getMessage(), e);
  }

  /** Whether {@code e} is an S3 404 (a HEAD response has no body, so no error code). */
  static boolean isNotFound(SdkException e) {
    return e instanceof NoSuchKeyException || (e instanceof S3Exception s3 && s3.statusCode() == 404
        && !(e instanceof NoSuchBucketException) && !isCode(e, "NoSuchBucket"));
  }

  private static boolean isCode(SdkException e, String code) {
    return e instanceof S3Exception s3 && code.equals(errorCode(s3));
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
        ? e.awsErrorDetails().errorCode() : "no error code";
  }

  private static IOException withCause(IOException io, Throwable cause) {
    io.initCause(cause);
    return io;
  }
}
