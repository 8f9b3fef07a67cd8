package io.screenalytics.launcher;

import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.pipeline.FacePipeline;

/**
 * The still-photo face path of the command line (facebank enrolment, evaluation): the default detector and
 * the embedder named by {@code embed.model} (as the embed service), so seeds live in the episodes' embedding
 * space; models from {@code models.dir} or the default lookup.
 */
final class FacePipelines {

  private FacePipelines() {}

  /**
   * Opens the pipeline on every core.
   *
   * @throws io.screenalytics.vision.model.ModelException when a model is missing or corrupt
   * @throws java.util.NoSuchElementException when {@code embed.model} names no bundled model
   */
  static FacePipeline open(Settings settings) {
    String embedder = settings.asMap().getOrDefault("embed.model", ModelCatalog.defaultEmbedder().name());
    return FacePipeline.open(ModelLocator.resolve(settings.asMap().get(ServiceSettings.MODELS_DIR)),
        ModelCatalog.defaultDetector(), DetectorSettings.defaults(), ModelCatalog.byName(embedder, ModelKind.FACE_EMBEDDER),
        SessionSettings.cpu(Runtime.getRuntime().availableProcessors()));
  }
}
