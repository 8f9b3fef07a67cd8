package io.screenalytics.embed.service;

import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the embed service, under the prefix {@code embed.}.
 *
 * @param service        core quota, workers, consumer group
 * @param modelsDir      models directory, or null for the default lookup
 * @param model          bundled embedder name (ModelCatalog), default {@code fr_feature} (512-d, MIT)
 * @param maxBatch       faces per model call, at most
 * @param minDetScore    faces below this detection score are not embedded (skip reason recorded)
 * @param minContrast    faces whose crop contrast (grey std, 0..255) is below this are not embedded
 * @param minBlur        faces whose crop sharpness (variance of the Laplacian) is below this are not embedded
 * @param thumbnailQuality JPEG quality of the crop thumbnails passed on for reports, 1..100
 */
public record EmbedConfig(ServiceSettings service, String modelsDir, String model, int maxBatch, double minDetScore,
    double minContrast, double minBlur, int thumbnailQuality) {

  public static final String PREFIX = "embed.";

  static final ConfigDef DEF = new ConfigDef()
      .define("model", Type.STRING, "fr_feature", Importance.MEDIUM, "Bundled face embedder.")
      .define("max.batch", Type.INT, 32, Range.between(1, 1024), Importance.MEDIUM, "Faces per model call, at most.")
      .define("min.det.score", Type.DOUBLE, 0.5, Range.between(0.0, 1.0), Importance.MEDIUM,
          "Quality gate: minimum detection score.")
      .define("min.contrast", Type.DOUBLE, 0.0, Range.atLeast(0.0), Importance.LOW,
          "Quality gate: minimum crop contrast (grey standard deviation).")
      .define("min.blur", Type.DOUBLE, 0.0, Range.atLeast(0.0), Importance.LOW,
          "Quality gate: minimum crop sharpness (variance of the Laplacian).")
      .define("thumbnail.quality", Type.INT, 85, Range.between(1, 100), Importance.LOW,
          "JPEG quality of crop thumbnails.");

  /** Parses {@code embed.*} and {@code models.dir}. */
  public static EmbedConfig from(Settings settings) {
    Map<String, Object> v = Settings.of(settings.withPrefix(PREFIX)).parse(DEF);
    return new EmbedConfig(ServiceSettings.from(settings, "embed", PREFIX), settings.asMap().get("models.dir"),
        (String) v.get("model"), (Integer) v.get("max.batch"), (Double) v.get("min.det.score"),
        (Double) v.get("min.contrast"), (Double) v.get("min.blur"), (Integer) v.get("thumbnail.quality"));
  }
}
