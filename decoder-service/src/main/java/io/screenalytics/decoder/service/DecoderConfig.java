package io.screenalytics.decoder.service;

import io.screenalytics.decoder.decode.SamplingPolicy;
import io.screenalytics.decoder.decode.SceneCutDetector;
import io.screenalytics.decoder.publish.FrameEncoder;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.StoreConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the decoder service, under the prefix {@code decoder.}, plus the shared {@code store.*} settings
 * (the artifact store used for claim-checked frames and for fetching {@code s3://} inputs). Immutable; parsed
 * and validated at start-up, every problem reported at once.
 *
 * @param service core quota (sets FFmpeg decoder threads), workers, consumer group
 * @param stride publish one frame in {@code stride} source frames (requests may override)
 * @param sampling sampling policy
 * @param maxLongSide long side of published frames in pixels ({@link FrameEncoder#SOURCE_SIZE} = 0 publishes
 *     at source size; never enlarges)
 * @param jpegQuality JPEG quality of published frames, 1..100
 * @param cutThreshold scene-cut histogram distance threshold, (0, 1]
 * @param cutCooldown cuts closer than this many source frames to the last one are suppressed
 * @param claimCheckBytes an encoded frame larger than this many bytes goes to the artifact store and the
 *     message carries its URI
 * @param tempDir where {@code s3://} inputs are downloaded before decoding
 * @param storeSettings the raw {@code store.*} settings (validated), for {@code ArtifactStores.open/fetch}
 */
public record DecoderConfig(ServiceSettings service, int stride, SamplingPolicy sampling, int maxLongSide,
    int jpegQuality, double cutThreshold, int cutCooldown, int claimCheckBytes, Path tempDir,
    Map<String, String> storeSettings) {

  /** Prefix of the decoder's own settings. */
  public static final String PREFIX = "decoder.";
  /** Default long side of published frames, pixels: measured, see the module README. */
  public static final int DEFAULT_MAX_LONG_SIDE = 1280;
  /** Default JPEG quality: measured, see the module README. */
  public static final int DEFAULT_JPEG_QUALITY = 90;
  /**
   * Room left under the frames topic's {@code max.message.bytes} for the rest of the record (other fields,
   * record and batch headers, schema id): the default claim-check threshold is the limit minus this.
   */
  public static final int MESSAGE_HEADROOM_BYTES = 64 * 1024;
  /** Default claim-check threshold, bytes. */
  public static final int DEFAULT_CLAIM_CHECK_BYTES = Topics.FRAMES.maxMessageBytes() - MESSAGE_HEADROOM_BYTES;

  static final ConfigDef DEF = new ConfigDef()
      .define("stride", Type.INT, 6, Range.between(1, 1000), Importance.HIGH,
          "Publish one frame in stride (6 at 30 fps = 5 frames per second).")
      .define("sampling", Type.STRING, SamplingPolicy.DEFAULT.name().toLowerCase(Locale.ROOT),
          ValidString.in("exact_stride", "fast_stride"), Importance.MEDIUM,
          "exact_stride: decode every frame, convert only sampled ones; fast_stride: skip non-reference frames"
              + " and publish the decoded frame nearest each stride point.")
      .define("publish.max.long.side", Type.INT, DEFAULT_MAX_LONG_SIDE, Range.between(0, 16384), Importance.MEDIUM,
          "Long side of published frames, pixels (area-averaged down, never up); 0 publishes at source size.")
      .define("jpeg.quality", Type.INT, DEFAULT_JPEG_QUALITY, Range.between(1, 100), Importance.LOW,
          "JPEG quality of published frames.")
      .define("scene.cut.threshold", Type.DOUBLE, SceneCutDetector.DEFAULT_THRESHOLD, Range.between(0.001, 1.0),
          Importance.LOW, "Colour-histogram distance above which a scene cut is declared.")
      .define("scene.cut.cooldown", Type.INT, SceneCutDetector.DEFAULT_COOLDOWN_FRAMES, Range.atLeast(0),
          Importance.LOW, "Cuts closer than this many source frames to the last cut are suppressed.")
      .define("claim.check.bytes", Type.INT, DEFAULT_CLAIM_CHECK_BYTES,
          Range.between(1, Topics.FRAMES.maxMessageBytes() - 1024), Importance.LOW,
          "Encoded frames larger than this go to the artifact store; the message carries image_ref instead.")
      .define("temp.dir", Type.STRING, "", Importance.LOW,
          "Directory for s3:// inputs downloaded before decoding; empty means java.io.tmpdir.");

  /**
   * Parses {@code decoder.*} and validates {@code store.*}.
   *
   * @throws ConfigException listing every invalid setting
   */
  public static DecoderConfig from(Settings settings) {
    Map<String, Object> v = Settings.of(settings.withPrefix(PREFIX)).parse(DEF);
    int maxLongSide = (Integer) v.get("publish.max.long.side");
    if (maxLongSide != FrameEncoder.SOURCE_SIZE && maxLongSide < 16) {
      throw new ConfigException(PREFIX + "publish.max.long.side", maxLongSide, "must be 0 (source size) or >= 16");
    }
    Map<String, String> store = new LinkedHashMap<>();
    settings.asMap().forEach((name, value) -> {
      if (name.startsWith("store.")) {
        store.put(name, value);
      }
    });
    StoreConfig.from(store); // validates now, so a bad store setting stops the service at start-up
    String temp = ((String) v.get("temp.dir")).strip();
    return new DecoderConfig(ServiceSettings.from(settings, "decoder", PREFIX), (Integer) v.get("stride"),
        SamplingPolicy.valueOf(((String) v.get("sampling")).toUpperCase(Locale.ROOT)), maxLongSide,
        (Integer) v.get("jpeg.quality"), (Double) v.get("scene.cut.threshold"), (Integer) v.get("scene.cut.cooldown"),
        (Integer) v.get("claim.check.bytes"),
        Path.of(temp.isEmpty() ? System.getProperty("java.io.tmpdir") : temp), Map.copyOf(store));
  }

  /** The declarations, for generated reference documentation. */
  public static ConfigDef definition() {
    return DEF;
  }
}
