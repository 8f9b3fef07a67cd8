package io.screenalytics.vision.detect;

import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a face detector by the name of a bundled model (setting {@code detect.model}). Stateless and
 * thread-safe; every detector it returns owns a native session and must be closed.
 *
 * <table>
 *   <caption>Bundled detectors</caption>
 *   <tr><th>name</th><th>family</th><th>licence</th></tr>
 *   <tr><td>{@code yunet_s_dynamic} (default), {@code yunet_n_dynamic}</td><td>YuNet</td><td>Apache-2.0</td></tr>
 *   <tr><td>{@code scrfd_500m}, {@code scrfd_2.5g}</td><td>SCRFD</td><td>InsightFace: non-commercial research only</td></tr>
 *   <tr><td>{@code retinaface_mnet025}</td><td>RetinaFace</td><td>no licence file: tests only</td></tr>
 * </table>
 */
public final class FaceDetectors {

  private static final Logger LOG = LoggerFactory.getLogger(FaceDetectors.class);
  private static final Map<String, DetectorFamily> FAMILIES = new LinkedHashMap<>();

  static {
    FAMILIES.put(ModelCatalog.YUNET_S_DYNAMIC.name(), DetectorFamily.YUNET);
    FAMILIES.put(ModelCatalog.YUNET_N_DYNAMIC.name(), DetectorFamily.YUNET);
    FAMILIES.put(ModelCatalog.SCRFD_500M.name(), DetectorFamily.SCRFD);
    FAMILIES.put(ModelCatalog.SCRFD_2_5G.name(), DetectorFamily.SCRFD);
    FAMILIES.put(ModelCatalog.RETINAFACE_MNET025.name(), DetectorFamily.RETINAFACE);
  }

  private FaceDetectors() {
  }

  /** Names of the bundled detectors, the default first. */
  public static List<String> names() {
    return List.copyOf(FAMILIES.keySet());
  }

  /**
   * The family of a bundled detector.
   *
   * @throws NoSuchElementException naming the known detectors when {@code name} is not one
   */
  public static DetectorFamily familyOf(String name) {
    DetectorFamily family = FAMILIES.get(name);
    if (family == null) {
      throw new NoSuchElementException("No bundled face detector named '" + name + "'; known: " + names());
    }
    return family;
  }

  /**
   * The spec of a bundled detector.
   *
   * @throws NoSuchElementException naming the known detectors when {@code name} is not one
   */
  public static ModelSpec specOf(String name) {
    familyOf(name);
    return ModelCatalog.byName(name, ModelKind.FACE_DETECTOR);
  }

  /**
   * Opens a bundled detector, checking the model file's sha256.
   *
   * @param name     a name from {@link #names()}
   * @param settings input size, thresholds and NMS
   * @param session  threads and execution provider
   * @throws NoSuchElementException                          for an unknown name
   * @throws io.screenalytics.vision.model.ModelException   when the model is missing, corrupt or cannot be opened
   */
  public static OnnxFaceDetector open(String name, ModelLocator locator, DetectorSettings settings,
                    SessionSettings session) {
    return open(specOf(name), familyOf(name), locator, settings, session);
  }

  /**
   * Opens any detector of a known family, e.g. a user's own SCRFD export with its own spec.
   *
   * @throws IllegalArgumentException                        when the spec does not fit the family
   * @throws io.screenalytics.vision.model.ModelException   when the model is missing, corrupt or cannot be opened
   */
  public static OnnxFaceDetector open(ModelSpec spec, DetectorFamily family, ModelLocator locator,
                    DetectorSettings settings, SessionSettings session) {
    Objects.requireNonNull(family, "family");
    DetectorTranslator translator = family.translator(spec, settings);
    if (family == DetectorFamily.RETINAFACE && settings.maxInputSize() != spec.image().width()) {
      LOG.warn("{} has a fixed {}x{} input: the input size setting {} does not apply", spec.name(),
          spec.image().width(), spec.image().height(), settings.maxInputSize());
    }
    OnnxModel model = OnnxModel.open(locator, spec, session);
    LOG.info("face detector {} ({}, licence: {})", spec.name(), family, spec.licence());
    return new OnnxFaceDetector(model, translator);
  }
}
