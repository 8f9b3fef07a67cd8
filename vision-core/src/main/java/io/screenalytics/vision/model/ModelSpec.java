package io.screenalytics.vision.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything needed to find, verify and feed one ONNX model. Immutable and thread-safe.
 *
 * <p>Nothing about a model is hard-coded in the detectors and embedders: they read the input size,
 * normalisation, channel order and tensor names from here, so models that users have (InsightFace ArcFace,
 * SFace, ...) drop in by declaring a spec. The bundled ones are in {@link ModelCatalog}.
 *
 * <p>Input normalisation: {@code value = (pixel - mean[c]) / std[c]} with pixels 0..255 and {@code c} indexing
 * the channels in {@link #channelOrder()}.
 *
 * @param name          short unique name, used in logs, errors and manifests (e.g. {@code fr_feature})
 * @param relativePath  path of the file relative to the models directory (an absolute path is used as is)
 * @param licence       licence of the weights, recorded in every manifest the pipeline writes
 * @param sha256        expected SHA-256 of the file, 64 lower-case hex digits; {@code null} only for
 *                      user-supplied models that are not pinned (loading then logs a warning)
 * @param inputWidth    input width in pixels; for dynamic detectors, the default maximum (long side)
 * @param inputHeight   input height in pixels; for dynamic detectors, the default maximum
 * @param mean          per-channel mean subtracted from 0..255 pixels, {@code float[3]} in channel order
 * @param std           per-channel divisor applied after the mean, {@code float[3]} in channel order
 * @param channelOrder  colour order of the input planes
 * @param inputName     name of the graph input
 * @param outputNames   names of the graph outputs the decoder reads (one for embedders)
 * @param outputDim     length of one item's output vector for embedders ({@code 512}); 0 for detectors
 */
public record ModelSpec(
    String name,
    String relativePath,
    String licence,
    String sha256,
    int inputWidth,
    int inputHeight,
    float[] mean,
    float[] std,
    ChannelOrder channelOrder,
    String inputName,
    List<String> outputNames,
    int outputDim) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Validates every field and takes defensive copies; throws {@link IllegalArgumentException} listing all problems. */
  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(channelOrder, "channelOrder");
    Objects.requireNonNull(inputName, "inputName");
    Objects.requireNonNull(outputNames, "outputNames");
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(std, "std");
    licence = licence == null ? "unknown" : licence;
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    StringBuilder problems = new StringBuilder();
    if (name.isBlank()) problems.append("; name is blank");
    if (relativePath.isBlank()) problems.append("; relativePath is blank");
    if (sha256 != null && !SHA256.matcher(sha256).matches()) problems.append("; sha256 is not 64 hex digits: ").append(sha256);
    if (inputWidth <= 0 || inputHeight <= 0) problems.append("; input size must be positive: ").append(inputWidth).append('x').append(inputHeight);
    if (mean.length != 3 || std.length != 3) problems.append("; mean and std need 3 values each");
    for (float s : std) if (!(s > 0f)) problems.append("; std values must be > 0: ").append(Arrays.toString(std));
    if (outputNames.isEmpty()) problems.append("; outputNames is empty");
    if (outputDim < 0) problems.append("; outputDim must be >= 0");
    if (problems.length() > 0) {
      throw new IllegalArgumentException("Invalid model spec '" + name + "': " + problems.substring(2));
    }
    mean = mean.clone();
    std = std.clone();
    outputNames = List.copyOf(outputNames);
  }

  @Override public float[] mean() { return mean.clone(); }

  @Override public float[] std() { return std.clone(); }

  /** Normalisation mean of channel {@code c} (0..2, in channel order), without copying. */
  public float meanOf(int c) { return mean[c]; }

  /** Normalisation divisor of channel {@code c} (0..2, in channel order), without copying. */
  public float stdOf(int c) { return std[c]; }

  /** The same spec with another expected hash, e.g. for a user's re-exported file. */
  public ModelSpec withSha256(String newSha256) {
    return new ModelSpec(name, relativePath, licence, newSha256, inputWidth, inputHeight, mean, std,
        channelOrder, inputName, outputNames, outputDim);
  }

  /** The same spec at another path (relative to the models directory, or absolute). */
  public ModelSpec withRelativePath(String newPath) {
    return new ModelSpec(name, newPath, licence, sha256, inputWidth, inputHeight, mean, std,
        channelOrder, inputName, outputNames, outputDim);
  }

  /** The file of this model inside {@code modelsDir}. */
  public Path resolveIn(Path modelsDir) {
    return modelsDir.resolve(relativePath);
  }

  @Override public boolean equals(Object o) {
    return o instanceof ModelSpec s && name.equals(s.name) && relativePath.equals(s.relativePath)
        && licence.equals(s.licence) && Objects.equals(sha256, s.sha256)
        && inputWidth == s.inputWidth && inputHeight == s.inputHeight
        && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std) && channelOrder == s.channelOrder
        && inputName.equals(s.inputName) && outputNames.equals(s.outputNames) && outputDim == s.outputDim;
  }

  @Override public int hashCode() {
    return Objects.hash(name, relativePath, sha256, inputWidth, inputHeight, channelOrder, inputName, outputDim);
  }

  @Override public String toString() {
    return "ModelSpec[" + name + " " + relativePath + " " + inputWidth + "x" + inputHeight + " " + channelOrder
        + " mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std) + " in=" + inputName
        + " out=" + outputNames + " dim=" + outputDim + " licence=" + licence + "]";
  }
}
