package io.screenalytics.vision.embed;

import io.screenalytics.vision.model.InferenceException;

/**
 * The model gave a vector that cannot be L2-normalised (zero or non-finite norm) for one crop of a batch.
 * The other crops of the batch are fine: callers drop {@link #cropIndex()} and embed the rest again.
 */
public final class DegenerateEmbeddingException extends InferenceException {
  private static final long serialVersionUID = 1L;

  private final int cropIndex;

  /**
   * @param cropIndex index of the offending crop in the list passed to {@link FaceEmbedder#embed(java.util.List)}
   * @param message   names the model and the norm
   */
  public DegenerateEmbeddingException(int cropIndex, String message) {
    super(message);
    this.cropIndex = cropIndex;
  }

  /** Index of the degenerate crop in the caller's list. */
  public int cropIndex() {
    return cropIndex;
  }
}
