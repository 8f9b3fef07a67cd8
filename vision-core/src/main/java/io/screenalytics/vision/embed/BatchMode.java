package io.screenalytics.vision.embed;

/** How a {@link FaceEmbedder} runs a batch of crops. */
public enum BatchMode {
  /** One session run per chunk of up to {@code maxBatch} crops: the graph's batch dimension is (made) symbolic. */
  NATIVE,
  /** One session run per crop inside each batch call: the graph's batch is fixed at 1 and could not be rewritten. */
  PER_FACE
}
