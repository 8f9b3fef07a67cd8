package io.screenalytics.decoder.service;

import io.screenalytics.decoder.decode.SamplingPolicy;
import io.screenalytics.decoder.decode.SceneCutDetector;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Settings of the decoder service, under the prefix {@code decoder.}.
 *
 * @param service          core quota (sets FFmpeg decoder threads), workers, consumer group
 * @param stride           publish one frame in {@code stride} (requests may override)
 * @param sampling         sampling policy
 * @param jpegQuality      JPEG quality of published frames, 1..100
 * @param cutThreshold     scene-cut histogram distance threshold
 * @param cutCooldown      cuts closer than this many source frames to the last one are suppressed
 */
public record DecoderConfig(ServiceSettings service, int stride, SamplingPolicy sampling, int jpegQuality,
    double cutThreshold, int cutCooldown) {

  public static final String PREFIX = "decoder.";

  static final ConfigDef DEF = new ConfigDef()
      .define("stride", Type.INT, 6, Range.between(1, 1000), Importance.HIGH,
          "Publish one frame in stride (6 at 30 fps = 5 frames per second).")
      .define("sampling", Type.STRING, SamplingPolicy.DEFAULT.name().toLowerCase(Locale.ROOT),
          ValidString.in("exact_stride", "fast_stride"), Importance.MEDIUM,
          "exact_stride: decode every frame, convert only sampled ones; fast_stride: skip non-reference frames.")
      .define("jpeg.quality", Type.INT, 90, Range.between(1, 100), Importance.LOW,
          "JPEG quality of published frames.")
      .define("scene.cut.threshold", Type.DOUBLE, SceneCutDetector.DEFAULT_THRESHOLD, Range.between(0.001, 1.0),
          Importance.LOW, "Colour-histogram distance above which a scene cut is declared.")
      .define("scene.cut.cooldown", Type.INT, SceneCutDetector.DEFAULT_COOLDOWN_FRAMES, Range.atLeast(0),
          Importance.LOW, "Cuts closer than this many source frames to the last cut are suppressed.");

  /** Parses {@code decoder.*}. */
  public static DecoderConfig from(Settings settings) {
    Map<String, Object> v = Settings.of(settings.withPrefix(PREFIX)).parse(DEF);
    return new DecoderConfig(ServiceSettings.from(settings, "decoder", PREFIX), (Integer) v.get("stride"),
        SamplingPolicy.valueOf(((String) v.get("sampling")).toUpperCase(Locale.ROOT)), (Integer) v.get("jpeg.quality"),
        (Double) v.get("scene.cut.threshold"), (Integer) v.get("scene.cut.cooldown"));
  }
}
