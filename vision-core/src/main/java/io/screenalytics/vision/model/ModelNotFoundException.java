package io.screenalytics.vision.model;

/** A model file, or the models directory itself, could not be found. Models are never downloaded. */
public class ModelNotFoundException extends ModelException {
  private static final long serialVersionUID = 1L;

  /** @param message names the model, the paths tried and how to point the project at the models */
  public ModelNotFoundException(String message) {
    super(message);
  }
}
