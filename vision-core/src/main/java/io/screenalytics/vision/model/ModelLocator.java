package io.screenalytics.vision.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the models directory and loads model files from it after checking their SHA-256. Thread-safe.
 *
 * <p>The directory is, in order: an explicit setting; the system property {@value #PROPERTY}; the environment
 * variable {@value #ENV}; {@code <screenalytics.shared>/models} when the system property {@value #SHARED_PROPERTY}
 * is set (tests); else the first {@code shared/models} found walking upward from the working directory and then
 * from the location of this library's classes (so {@code ../shared/models} beside the repository is found from
 * the repository root, from any module and from a built jar). Models are never downloaded.
 */
public final class ModelLocator {

  /** System property naming the models directory. */
  public static final String PROPERTY = "screenalytics.models.dir";
  /** Environment variable naming the models directory. */
  public static final String ENV = "SCREENALYTICS_MODELS_DIR";
  /** System property naming the shared data directory (models under {@code models/}); set by the build for tests. */
  public static final String SHARED_PROPERTY = "screenalytics.shared";

  private static final Logger LOG = LoggerFactory.getLogger(ModelLocator.class);

  private final Path directory;
  private final String origin;

  private ModelLocator(Path directory, String origin) {
    this.directory = directory.toAbsolutePath().normalize();
    this.origin = origin;
  }

  /**
   * A locator for a known directory.
   *
   * @throws ModelNotFoundException when it is not a directory
   */
  public static ModelLocator at(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new ModelNotFoundException("Models directory " + directory.toAbsolutePath() + " does not exist");
    }
    return new ModelLocator(directory, "explicit path");
  }

  /**
   * Resolves the models directory from the setting, system properties, environment and an upward search.
   *
   * @param setting the service's models-directory setting, or {@code null}/blank when unset
   * @throws ModelNotFoundException listing every place tried when none holds a directory
   */
  public static ModelLocator resolve(String setting) {
    return resolve(setting, System::getProperty, System::getenv, Paths.get(""), codeLocation());
  }

  /** {@link #resolve(String)} with no explicit setting. */
  public static ModelLocator fromEnvironment() {
    return resolve(null);
  }

  static ModelLocator resolve(String setting, UnaryOperator<String> properties, UnaryOperator<String> environment,
                Path workingDir, Path codeLocation) {
    List<String> tried = new ArrayList<>();
    String[][] named = {
        {"setting", setting},
        {"system property " + PROPERTY, properties.apply(PROPERTY)},
        {"environment variable " + ENV, environment.apply(ENV)},
    };
    for (String[] candidate : named) {
      if (candidate[1] == null || candidate[1].isBlank()) continue;
      Path dir = Paths.get(candidate[1].trim());
      if (Files.isDirectory(dir)) return new ModelLocator(dir, candidate[0]);
      // an explicit choice that is wrong must not silently fall through to another directory
      throw new ModelNotFoundException("Models directory " + dir.toAbsolutePath() + " (from " + candidate[0]
          + ") does not exist");
    }
    String shared = properties.apply(SHARED_PROPERTY);
    if (shared != null && !shared.isBlank()) {
      Path dir = Paths.get(shared.trim()).resolve("models");
      if (Files.isDirectory(dir)) return new ModelLocator(dir, "system property " + SHARED_PROPERTY);
      tried.add(dir.toAbsolutePath().normalize().toString());
    }
    Set<Path> starts = new LinkedHashSet<>();
    starts.add(workingDir.toAbsolutePath().normalize());
    if (codeLocation != null) starts.add(codeLocation.toAbsolutePath().normalize());
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        Path dir = p.resolve("shared").resolve("models");
        if (Files.isDirectory(dir)) return new ModelLocator(dir, "upward search from " + start);
        tried.add(dir.toString());
      }
    }
    throw new ModelNotFoundException("No models directory found. Set the models-directory setting, the system property "
        + PROPERTY + " or the environment variable " + ENV + " to a directory holding the ONNX files "
        + "(models are never downloaded). Tried: " + tried);
  }

  private static Path codeLocation() {
    try {
      CodeSource source = ModelLocator.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Paths.get(source.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The resolved models directory, absolute. */
  public Path directory() {
    return directory;
  }

  /** Where the directory came from ("system property ...", "upward search from ..."), for logs. */
  public String origin() {
    return origin;
  }

  /**
   * The path of a model's file, checked to exist.
   *
   * @throws ModelNotFoundException naming the model, the path and the models directory's origin
   */
  public Path locate(ModelSpec spec) {
    Path file = spec.resolveIn(directory).normalize();
    if (!Files.isRegularFile(file)) {
      throw new ModelNotFoundException("Model '" + spec.name() + "' not found: no file " + file
          + " (models directory " + directory + ", from " + origin + "). Models are never downloaded: put the file"
          + " there or point " + PROPERTY + " / " + ENV + " at a directory that holds " + spec.relativePath());
    }
    return file;
  }

  /**
   * Reads a model's file after checking its SHA-256 against {@link ModelSpec#sha256()}. The hash of each file is
   * cached (by path, size and modification time), so opening a session per worker hashes a file once.
   *
   * @return the file's bytes, ready for ONNX Runtime
   * @throws ModelNotFoundException  when the file is missing
   * @throws ModelIntegrityException when the hash differs, naming the expected and actual hashes and the path
   * @throws ModelException          when the file cannot be read
   */
  public byte[] load(ModelSpec spec) {
    Path file = locate(spec);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelException("Cannot read model '" + spec.name() + "' from " + file + ": " + e.getMessage(), e);
    }
    verify(spec, file, bytes);
    return bytes;
  }

  /**
   * Checks a model file's SHA-256 against the spec without keeping its bytes.
   *
   * @throws ModelIntegrityException when the hash differs
   */
  public void verify(ModelSpec spec) {
    Path file = locate(spec);
    verify(spec, file, null);
  }

  private static void verify(ModelSpec spec, Path file, byte[] bytesOrNull) {
    if (spec.sha256() == null) {
      LOG.warn("Model '{}' at {} has no pinned sha256: loading it unverified", spec.name(), file);
      return;
    }
    String actual = Sha256Cache.hashOf(file, bytesOrNull);
    if (!actual.equals(spec.sha256())) {
      throw new ModelIntegrityException("Model '" + spec.name() + "' at " + file + " failed its integrity check: expected sha256 "
          + spec.sha256() + " but the file has " + actual + ". Replace the file with the pinned one or update the "
          + "expected hash in its ModelSpec.", spec.sha256(), actual);
    }
  }

  @Override public String toString() {
    return "ModelLocator[" + directory + " from " + origin + "]";
  }
}
