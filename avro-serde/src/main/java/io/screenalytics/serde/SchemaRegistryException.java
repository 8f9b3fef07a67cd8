package io.screenalytics.serde;

/**
 * A schema registry request that failed: the registry answered with an error, or could not be reached.
 *
 * <p>{@link #httpStatus()} is the HTTP status ({@value #UNREACHABLE} when no answer came) and {@link #errorCode()}
 * the registry's {@code error_code} ({@value #UNREACHABLE} when the body had none), e.g. 404 / 40403 for an unknown
 * schema id, 409 for an incompatible schema.
 */
public class SchemaRegistryException extends RuntimeException {

  /** Status and error code of a request that got no answer. */
  public static final int UNREACHABLE = -1;

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  /** A failure with the registry's answer. */
  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** A failure without an answer (connection refused, time-out, interrupted). */
  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = UNREACHABLE;
    this.errorCode = UNREACHABLE;
  }

  /** The HTTP status, or {@value #UNREACHABLE} if the registry did not answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code} (Confluent's codes, e.g. 40403), or {@value #UNREACHABLE}. */
  public int errorCode() {
    return errorCode;
  }

  /** True if the registry answered 404: the schema, subject or id does not exist. */
  public boolean isNotFound() {
    return httpStatus == 404;
  }

  /** True if no answer came from the registry. */
  public boolean isUnreachable() {
    return httpStatus == UNREACHABLE;
  }
}
