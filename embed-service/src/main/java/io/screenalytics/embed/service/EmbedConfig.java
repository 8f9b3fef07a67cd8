package io.screenalytics.embed.service;

import io.screenalytics.embed.quality.QualityGate;
import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.vision.model.ExecutionProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the embed service, under the prefix {@code embed.} (plus {@code models.dir} and {@code store.root}).
 * Every default below was chosen by measurement: see {@code embed-service/README.md} and {@code bench/run embed}.
 *
 * <p>Batching across frames: a poll brings up to {@code embed.loop.max.poll.records} frames (default
 * {@value #DEFAULT_MAX_POLL_RECORDS}); the broker holds each fetch until {@code embed.fetch.min.bytes} of face
 * batches are there or {@code embed.fetch.max.wait.ms} has passed (the maximum wait); every face of the poll then
 * goes through the quality gate and into model calls of at most {@code embed.max.batch} faces. Kafka does the
 * waiting, so offsets are committed only for frames whose embeddings were sent.
 *
 * @param service           core quota (ONNX Runtime intra-op threads), workers, consumer group
 * @param modelsDir         models directory, or null for the default lookup
 * @param model             bundled embedder name (ModelCatalog), default {@code fr_feature} (512-d, MIT)
 * @param provider          ONNX Runtime execution provider: CPU, CUDA or CoreML
 * @param maxBatch          faces per model call, at most
 * @param fetchMinBytes     consumer {@code fetch.min.bytes}: face-batch bytes the broker gathers before answering
 * @param fetchMaxWait      consumer {@code fetch.max.wait.ms}: the longest the broker waits for them
 * @param gate              quality gate thresholds (detection score, contrast, blur)
 * @param thumbnailQuality  JPEG quality of the crop thumbnails passed on for reports, 1..100
 */
public record EmbedConfig(ServiceSettings service, String modelsDir, String model, ExecutionProvider provider,
    int maxBatch, int fetchMinBytes, Duration fetchMaxWait, QualityGate gate,
    int thumbnailQuality) {

  /** Service name, thread prefix and status stage. */
  public static final String NAME = "embed";
  public static final String PREFIX = "embed.";

  /**
   * 32 faces per model call. {@code bench/run embed} (fr_feature, 2 intra-op threads, 358 real faces of the shared
   * videos, medians of 5 interleaved rounds): faces/s 99 one call per face, 108 per frame, then 135 / 138 / 135 /
   * 133 at 8 / 16 / 32 / 64 faces per call (an earlier run: 135 / 136 / 139 / 139): a plateau from 8, within noise.
   * CPU per face stays at 13-16 ms whatever the batch (the model is compute-bound): batching pays by keeping both
   * intra-op threads busy. 32 sits on the plateau with the fewest calls (36 per 1,000 faces) and takes a 32-frame
   * poll of 1-2 faces per frame in one or two calls.
   */
  public static final int DEFAULT_MAX_BATCH = 32;
  /** Frames per poll ({@code embed.loop.max.poll.records}): 32 frames of 1-2 faces fill one or two calls. */
  public static final int DEFAULT_MAX_POLL_RECORDS = 32;
  /** About 16 faces: each face costs ~38 KB in a FaceBatch (a 112x112x3 crop plus ~200 bytes). */
  public static final int DEFAULT_FETCH_MIN_BYTES = 600_000;
  /**
   * 500 ms, the longest a frame waits for others to batch with (also Kafka's own default). Measured with {@code
   * bench/run embed} on a real broker, one instance, frames published at 20 frames/s (1.34 faces per frame): faces
   * per model call 1.5 / 2.6 / 6.1 / 11.3 with waits of 0 / 100 / 250 / 500 ms, median latency per frame 24 / 101 /
   * 231 / 510 ms. Only 500 ms reaches the plateau from 8 faces per call at that rate; half a second is nothing
   * against an episode's minutes. When the embed stage lags, polls fill at once and the wait never applies.
   */
  public static final int DEFAULT_FETCH_MAX_WAIT_MS = 500;
  static final ConfigDef DEF = new ConfigDef()
      .define("model", Type.STRING, "fr_feature", Importance.MEDIUM, "Bundled face embedder.")
      .define("execution.provider", Type.STRING, "cpu", CaseInsensitiveValidString.in("cpu", "cuda", "coreml"), Importance.MEDIUM, "ONNX Runtime execution provider: cpu, cuda (needs onnxruntime_gpu and "
          + "CUDA 12) or coreml (macOS).")
      .define("max.batch", Type.INT, DEFAULT_MAX_BATCH, Range.between(1, 1024), Importance.MEDIUM,
          "Faces per model call, at most.")
      .define("fetch.min.bytes", Type.INT, DEFAULT_FETCH_MIN_BYTES, Range.between(1, 64 * 1024 * 1024),
          Importance.MEDIUM, "Consumer fetch.min.bytes: face-batch bytes gathered before a fetch returns "
              + "(about 38 KB per face).")
      .define("fetch.max.wait.ms", Type.INT, DEFAULT_FETCH_MAX_WAIT_MS, Range.between(0, 60_000),
          Importance.MEDIUM, "Consumer fetch.max.wait.ms: the longest a fetch waits for fetch.min.bytes.")
      .define("min.det.score", Type.DOUBLE, QualityGate.DEFAULT_MIN_DET_SCORE, Range.between(0.0, 1.0),
          Importance.MEDIUM, "Quality gate: minimum detection score.")
      .define("min.contrast", Type.DOUBLE, QualityGate.DEFAULT_MIN_CONTRAST, Range.atLeast(0.0), Importance.MEDIUM,
          "Quality gate: minimum crop contrast (grey standard deviation, 0..127.5).")
      .define("min.blur", Type.DOUBLE, QualityGate.DEFAULT_MIN_BLUR, Range.atLeast(0.0), Importance.MEDIUM,
          "Quality gate: minimum crop sharpness (variance of the Laplacian of the 112x112 grey crop).")
      .define("thumbnail.quality", Type.INT, 85, Range.between(1, 100), Importance.LOW,
          "JPEG quality of crop thumbnails.");

  /**
   * The names of every setting embed reads: {@code embed.*}, the settings every service has ({@link ServiceSettings#known}) and {@code models.dir}; for {@link KnownSettings#check}.
   */
  public static KnownSettings known() {
    return KnownSettings.of(PREFIX, DEF).and(ServiceSettings.known("embed", PREFIX)).and("", ServiceSettings.MODELS_DEF);
  }

  /**
   * Parses {@code embed.*} and {@code models.dir}.
   *
   * @throws ConfigException listing every invalid setting
   */
  public static EmbedConfig from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF, PREFIX);
    QualityGate gate;
    try {
      gate = new QualityGate((Double) v.get("min.det.score"), (Double) v.get("min.contrast"),
          (Double) v.get("min.blur"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new EmbedConfig(ServiceSettings.from(settings, "embed", PREFIX), settings.asMap().get(ServiceSettings.MODELS_DIR),
        (String) v.get("model"),
        ExecutionProvider.valueOf(((String) v.get("execution.provider")).toUpperCase(Locale.ROOT)),
        (Integer) v.get("max.batch"), (Integer) v.get("fetch.min.bytes"),
        Duration.ofMillis((Integer) v.get("fetch.max.wait.ms")), gate,
        (Integer) v.get("thumbnail.quality"));
  }

  /** The consumer settings that make Kafka gather frames into batches: {@code fetch.min.bytes}, {@code fetch.max.wait.ms}. */
  public Map<String, String> consumerOverrides() {
    return Map.of("fetch.min.bytes", Integer.toString(fetchMinBytes),
        "fetch.max.wait.ms", Long.toString(fetchMaxWait.toMillis()));
  }
}
