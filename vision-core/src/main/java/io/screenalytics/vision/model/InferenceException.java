package io.screenalytics.vision.model;

/**
 * ONNX Runtime failed to create a session or to run one; the message names the model and the input shape.
 * Also thrown when a model's output cannot be used (wrong shape, zero-norm embedding).
 */
public class InferenceException extends ModelException {
  private static final long serialVersionUID = 1L;

  /** @param message names the model and the input shape */
  public InferenceException(String message) {
    super(message);
  }

  /**
   * @param message names the model and the input shape
   * @param cause   ONNX Runtime's exception
   */
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
