package io.screenalytics.vision.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything needed to find, verify and feed one ONNX model: face, voice or active-speaker. Immutable and
 * thread-safe.
 *
 * <p>Nothing about a model is hard-coded in the detectors, embedders and voice models: they read the input
 * ({@link #input()}, typed per {@link ModelKind}), tensor names and output size from here, so models that users
 * have (InsightFace ArcFace, SFace, ...) drop in by declaring a spec. The bundled ones are in {@link ModelCatalog}.
 *
 * @param name          short unique name, used in logs, errors and manifests (e.g. {@code fr_feature})
 * @param kind          what the model does; says which {@link InputSpec} {@code input} must be
 * @param relativePath  path of the file relative to the models directory (an absolute path is used as is)
 * @param licence       licence of the weights, recorded in every manifest the pipeline writes
 * @param sha256        expected SHA-256 of the file, 64 lower-case hex digits; {@code null} only for
 *                      user-supplied models that are not pinned (loading then logs a warning)
 * @param input         the input: {@link ImageInput} for face models, {@link AudioInput} for voice models,
 *                      {@link AudioVisualInput} for active-speaker models
 * @param inputName     name of the (first) graph input
 * @param outputNames   names of the graph outputs the decoder reads (one for embedders)
 * @param outputDim     length of one item's output vector for embedders ({@code 512}); 0 for detectors
 */
public record ModelSpec(
    String name,
    ModelKind kind,
    String relativePath,
    String licence,
    String sha256,
    InputSpec input,
    String inputName,
    List<String> outputNames,
    int outputDim) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Validates every field; throws {@link IllegalArgumentException} listing all problems. */
  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(inputName, "inputName");
    Objects.requireNonNull(outputNames, "outputNames");
    licence = licence == null ? "unknown" : licence;
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    StringBuilder problems = new StringBuilder();
    if (name.isBlank()) problems.append("; name is blank");
    if (relativePath.isBlank()) problems.append("; relativePath is blank");
    if (sha256 != null && !SHA256.matcher(sha256).matches()) problems.append("; sha256 is not 64 hex digits: ").append(sha256);
    if (!kind.input().isInstance(input)) {
      problems.append("; a ").append(kind).append(" takes a ").append(kind.input().getSimpleName()).append(", not a ")
          .append(input.getClass().getSimpleName());
    }
    if (outputNames.isEmpty()) problems.append("; outputNames is empty");
    if (outputDim < 0) problems.append("; outputDim must be >= 0");
    if (problems.length() > 0) {
      throw new IllegalArgumentException("Invalid model spec '" + name + "': " + problems.substring(2));
    }
    outputNames = List.copyOf(outputNames);
  }

  /**
   * The image input of a face model.
   *
   * @throws IllegalStateException when the model does not take images ({@link ModelKind#input()})
   */
  public ImageInput image() {
    if (input instanceof ImageInput i) {
      return i;
    }
    throw new IllegalStateException("model " + name + " (" + kind + ") takes no image input");
  }

  /**
   * The audio input of a voice model.
   *
   * @throws IllegalStateException when the model does not take audio alone
   */
  public AudioInput audio() {
    if (input instanceof AudioInput a) {
      return a;
    }
    throw new IllegalStateException("model " + name + " (" + kind + ") takes no audio input");
  }

  /** The same spec with another expected hash, e.g. for a user's re-exported file. */
  public ModelSpec withSha256(String newSha256) {
    return new ModelSpec(name, kind, relativePath, licence, newSha256, input, inputName, outputNames, outputDim);
  }

  /** The same spec at another path (relative to the models directory, or absolute). */
  public ModelSpec withRelativePath(String newPath) {
    return new ModelSpec(name, kind, newPath, licence, sha256, input, inputName, outputNames, outputDim);
  }

  /** The same spec with another input of the same type (a smaller image for a fixed-size test graph). */
  public ModelSpec withInput(InputSpec newInput) {
    return new ModelSpec(name, kind, relativePath, licence, sha256, newInput, inputName, outputNames, outputDim);
  }

  /** The file of this model inside {@code modelsDir}. */
  public Path resolveIn(Path modelsDir) {
    return modelsDir.resolve(relativePath);
  }

  @Override public String toString() {
    return "ModelSpec[" + name + " " + kind + " " + relativePath + " " + input + " in=" + inputName
        + " out=" + outputNames + " dim=" + outputDim + " licence=" + licence + "]";
  }
}
