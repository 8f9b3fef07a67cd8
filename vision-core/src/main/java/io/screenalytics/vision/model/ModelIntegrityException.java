package io.screenalytics.vision.model;

/** A model file's SHA-256 differs from the one its {@link ModelSpec} pins. */
public class ModelIntegrityException extends ModelException {
  private static final long serialVersionUID = 1L;

  private final String expectedSha256;
  private final String actualSha256;

  /**
   * @param message        names the model, the path and both hashes
   * @param expectedSha256 the hash the spec pins
   * @param actualSha256   the hash of the file on disk
   */
  public ModelIntegrityException(String message, String expectedSha256, String actualSha256) {
    super(message);
    this.expectedSha256 = expectedSha256;
    this.actualSha256 = actualSha256;
  }

  /** The hash the spec pins, 64 hex digits. */
  public String expectedSha256() {
    return expectedSha256;
  }

  /** The hash of the file found, 64 hex digits. */
  public String actualSha256() {
    return actualSha256;
  }
}
