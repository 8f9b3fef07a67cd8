package io.screenalytics.vision.model;

/**
 * Base of every model failure in vision-core. Unchecked: a missing or corrupt model is a deployment error that
 * no retry fixes (fatal), while {@link InferenceException} may be data-dependent.
 */
public class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what failed, naming the model and the file */
  public ModelException(String message) {
    super(message);
  }

  /**
   * @param message what failed, naming the model and the file
   * @param cause   the library's exception
   */
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
