package io.screenalytics.identities.episode;

import java.util.Objects;

/**
 * A model that produced the episode's data, recorded in every manifest (licences matter: see
 * {@code shared/models/MODELS.md}).
 *
 * @param role    what the model did: {@link #DETECTOR}, {@link #EMBEDDER}, or another stage name
 * @param name    model name, for example {@code yunet_s} or {@code fr_feature}; for the embedder it
 *                must equal the model name on the facebank seeds to be matched against
 * @param file    model file the stage loaded, for example {@code yunet/yunet_s_dynamic.onnx}
 * @param licence licence of the weights, for example {@code Apache-2.0}
 * @param sha256  hex SHA-256 of the model file
 */
public record ModelInfo(String role, String name, String file, String licence, String sha256) {

  /** Role of the face detector. */
  public static final String DETECTOR = "detector";
  /** Role of the face embedder. */
  public static final String EMBEDDER = "embedder";

  public ModelInfo {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
  }
}
