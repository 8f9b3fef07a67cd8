package io.screenalytics.detecttrack.service;

import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.store.StoreConfig;
import io.screenalytics.vision.detect.DetectorFamily;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.FaceDetectors;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the detect-track service, all under the prefix {@code detect.}.
 *
 * @param service          core quota, workers, consumer group
 * @param modelsDir        models directory, or null for the default lookup (includes {@code ../shared/models})
 * @param detectorModel    bundled detector name ({@link FaceDetectors#names()}), default {@code yunet_s_dynamic}
 * @param inputSize        detector input long side, pixels (RetinaFace's input is fixed at 640x640)
 * @param scoreThreshold   detector score threshold, 0..1; when not set, the family's default
 *                         ({@link DetectorFamily#defaultScoreThreshold()}: YuNet 0.6, SCRFD 0.5, RetinaFace 0.6)
 * @param nmsIou           detector NMS IoU threshold
 * @param minFacePx        minimum face height at 1080p-equivalent resolution, pixels: a face is kept when its
 *                         box height >= minFacePx * frame_height / 1080 (90 at 1080p = 30 at 360p)
 * @param trackThresh      ByteTrack {@code track_thresh}: detections above it are high-score; when not set, the
 *                         family's equivalent of the tuned 0.70 ({@link #defaultTrackThresh})
 * @param matchThresh      ByteTrack {@code match_thresh}: IoU-distance limit of the first association
 * @param trackBuffer      ByteTrack {@code track_buffer}, frames at 30 fps (scaled by fps / stride)
 * @param maxGapSeconds    a lost track ends after this gap whatever the fps and stride, seconds
 * @param minTrackLength   tracks with fewer sampled frames are dropped
 * @param embedEveryFrames embedding cadence, source frames: a tracked face is marked for embedding when it is its
 *                         track's first, when this many source frames have passed since the track's last marked
 *                         face, or when its box height changed by more than half since then (appearance may have
 *                         changed); 0 marks every face (the original's per-face embedding). Every face still
 *                         counts for screen time.
 * @param fetchMinBytes    consumer {@code fetch.min.bytes}: frame bytes the broker gathers before answering a fetch
 * @param fetchMaxWait     consumer {@code fetch.max.wait.ms}: the longest the broker waits for them
 * @param inputFromYuv     whether the detector's input is scaled by swscale from the decoded JPEG's YUV planes in
 *                         the decoding pass ({@code detect.input.from=yuv}, the default; for frames of at least twice
 *                         the input size), rather than by the detector from the full BGR picture with OpenCV
 *                         ({@code bgr}, before issue 26's second part)
 */
public record DetectTrackConfig(
    ServiceSettings service,
    String modelsDir,
    String detectorModel,
    int inputSize,
    double scoreThreshold,
    double nmsIou,
    double minFacePx,
    double trackThresh,
    double matchThresh,
    int trackBuffer,
    double maxGapSeconds,
    int minTrackLength,
    int embedEveryFrames,
    int fetchMinBytes,
    java.time.Duration fetchMaxWait,
    boolean inputFromYuv) {

  /** Service name, thread prefix and status stage. */
  public static final String NAME = "detect-track";
  public static final String PREFIX = "detect.";

  /**
   * Default embedding cadence, source frames (0.4 s at 29.97 fps, every second sampled frame at stride 6), as the
   * original's "gate embedding cadence" of 24 frames but finer. Measured by {@code bench/run episode} on the
   * composed talking-head episodes: 15 % less CPU per second of video than embedding every face, identities
   * unchanged, the largest identity's screen time within one sampled frame on 1 minute and 0.6 % on 11 minutes.
   */
  public static final int DEFAULT_EMBED_EVERY_FRAMES = 12;

  /**
   * The detector input long side that {@code input.size=0} (the default) gives at the default minimum face (90 px
   * at 1080p): such a face is 19.5 px high in a 416x234 input. Measured: on the composed talking-head episode
   * ({@code bench/run episode}) 320 already finds the same faces as 640; on the Hamilton clip (640x360) 320 loses
   * Barack Obama in the last shot (his face near the minimum, 15 px in a 320x180 input: weaker landmarks, a crop too
   * poor to name), while 416 and 480 name him with the same screen time as 640 (2.2 s).
   */
  public static final int AUTO_INPUT_SIZE_AT_90_PX = 416;

  /**
   * About three published frames (a 1280x720 JPEG at quality 90 is ~144 KB): the broker answers detect-track's fetch
   * when that much is there, so a poll carries several frames and their faces leave in one produce request, instead
   * of a fetch, a produce and the next stage's fetch per frame (issue 26; {@code bench/run episode}, docs/cost.md).
   * Kafka's own default is 1 byte.
   */
  public static final int DEFAULT_FETCH_MIN_BYTES = 450_000;
  /** The longest a frame waits for others to batch with, milliseconds (Kafka's own default). */
  public static final int DEFAULT_FETCH_MAX_WAIT_MS = 500;

  /**
   * Defaults: track_thresh 0.70 (with YuNet), match_thresh 0.80, track_buffer 90, max gap 2.0 s, min face 90 px:
   * the tuned original.
   */
  static final ConfigDef DEF = new ConfigDef()
      .define("model", Type.STRING, FaceDetectors.names().get(0),
          ConfigDef.ValidString.in(FaceDetectors.names().toArray(String[]::new)), Importance.MEDIUM,
          "Face detector: yunet_s_dynamic (default, Apache-2.0), yunet_n_dynamic, scrfd_500m, scrfd_2.5g "
              + "(InsightFace weights: non-commercial research only), retinaface_mnet025 (no licence file: tests only).")
      .define("input.size", Type.INT, 0, Range.between(0, 4096), Importance.MEDIUM,
          "Detector input long side, pixels (frames are resized to fit; RetinaFace is fixed at 640x640); 0 sizes it"
              + " to the minimum face: 416 x 90 / min.face.px, rounded up to a multiple of 32, within 160..1280.")
      .define("score.threshold", Type.DOUBLE, null, DetectTrackConfig::unitOrUnset, Importance.MEDIUM,
          "Detector score threshold; unset: the family's default (YuNet 0.6, SCRFD 0.5, RetinaFace 0.6).")
      .define("nms.iou", Type.DOUBLE, 0.3, Range.between(0.0, 1.0), Importance.LOW, "Detector NMS IoU threshold.")
      .define("min.face.px", Type.DOUBLE, 90.0, Range.atLeast(0.0), Importance.MEDIUM,
          "Minimum face box height at 1080p-equivalent resolution, pixels (scaled by frame height / 1080).")
      .define("track.thresh", Type.DOUBLE, null, DetectTrackConfig::unitOrUnset, Importance.MEDIUM,
          "ByteTrack track_thresh; unset: 0.70 with YuNet (the tuned original), 0.45 with SCRFD, 0.75 with RetinaFace.")
      .define("match.thresh", Type.DOUBLE, 0.80, Range.between(0.0, 1.0), Importance.MEDIUM, "ByteTrack match_thresh.")
      .define("track.buffer", Type.INT, 90, Range.atLeast(1), Importance.MEDIUM,
          "ByteTrack track_buffer, frames at 30 fps.")
      .define("max.gap.s", Type.DOUBLE, 2.0, Range.atLeast(0.0), Importance.MEDIUM,
          "A lost track ends after this gap, seconds, at any fps and stride.")
      .define("min.track.length", Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
          "Tracks with fewer sampled frames are dropped.")
      .define("embed.every.frames", Type.INT, DEFAULT_EMBED_EVERY_FRAMES, Range.between(0, 100_000), Importance.MEDIUM,
          "Embedding cadence in source frames: a track's first face, then one face every this many source frames"
              + " (and whenever its box height changes by more than half) is marked for embedding; 0 = every face.")
      .define("fetch.min.bytes", Type.INT, DEFAULT_FETCH_MIN_BYTES, Range.between(1, 64 * 1024 * 1024),
          Importance.LOW, "Consumer fetch.min.bytes: frame bytes gathered before a fetch returns (a 1280x720 frame"
              + " is about 144 KB); 1 = answer as soon as one frame is there.")
      .define("fetch.max.wait.ms", Type.INT, DEFAULT_FETCH_MAX_WAIT_MS, Range.between(0, 60_000), Importance.LOW,
          "Consumer fetch.max.wait.ms: the longest a fetch waits for fetch.min.bytes.")
      .define("input.from", Type.STRING, "yuv", ConfigDef.ValidString.in("yuv", "bgr"), Importance.LOW,
          "Where the detector's input picture is scaled: yuv = by swscale from the decoded JPEG's YUV planes in the"
              + " decoding pass (cheaper), for frames of at least twice the input size (smaller ones as bgr);"
              + " bgr = by the detector from the full BGR picture (OpenCV area resize).");

  /**
   * The names of every setting detect-track reads: {@code detect.*}, the settings every service has ({@link ServiceSettings#known}), {@code models.dir} and the store's; for {@link KnownSettings#check}.
   */
  public static KnownSettings known() {
    return KnownSettings.of(PREFIX, DEF).and(ServiceSettings.known("detect-track", PREFIX))
        .and("", ServiceSettings.MODELS_DEF).and("", StoreConfig.DEF);
  }

  /** Parses {@code detect.*} and {@code models.dir}. */
  public static DetectTrackConfig from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF, PREFIX);
    String model = (String) v.get("model");
    Double score = (Double) v.get("score.threshold");
    Double trackThresh = (Double) v.get("track.thresh");
    DetectorFamily family = FaceDetectors.familyOf(model);
    return new DetectTrackConfig(
        ServiceSettings.from(settings, "detect-track", PREFIX),
        settings.asMap().get(ServiceSettings.MODELS_DIR),
        model,
        inputSize((Integer) v.get("input.size"), (Double) v.get("min.face.px")),
        score != null ? score : family.defaultScoreThreshold(),
        (Double) v.get("nms.iou"),
        (Double) v.get("min.face.px"),
        trackThresh != null ? trackThresh : defaultTrackThresh(family),
        (Double) v.get("match.thresh"),
        (Integer) v.get("track.buffer"),
        (Double) v.get("max.gap.s"),
        (Integer) v.get("min.track.length"),
        (Integer) v.get("embed.every.frames"),
        (Integer) v.get("fetch.min.bytes"),
        java.time.Duration.ofMillis((Integer) v.get("fetch.max.wait.ms")),
        "yuv".equals(v.get("input.from")));
  }

  /**
   * The detector input long side for a setting: itself when set, else sized so that a face of the minimum height
   * is as large in the input as a 90 px face at 1080p is in a {@value #AUTO_INPUT_SIZE_AT_90_PX} px input
   * ({@code 416 * 90 / minFacePx}, rounded up to a multiple of 32, within 160..1280; 640 when there is no minimum).
   *
   * @param setting {@code detect.input.size}: 0 for automatic, else 64..4096 pixels
   * @throws ConfigException if the setting is 1..63
   */
  static int inputSize(int setting, double minFacePx) {
    if (setting != 0 && setting < 64) {
      throw new ConfigException(PREFIX + "input.size", setting, "must be 0 (sized to min.face.px) or >= 64");
    }
    if (setting != 0) {
      return setting;
    }
    if (minFacePx <= 0) {
      return 640;
    }
    int size = (int) Math.ceil(AUTO_INPUT_SIZE_AT_90_PX * 90.0 / minFacePx / 32.0) * 32;
    return Math.max(160, Math.min(1280, size));
  }

  /**
   * The {@code track_thresh} used when none is configured: 0.70, the tuned original's, with YuNet; with the other
   * families the score that splits their detections in the same proportion. Matching quantiles of the scores two
   * families give the same 481 faces of the shared clips (every 3rd frame of the Hamilton and 1080p pedestrian
   * clips, faces of at least the minimum size) puts YuNet's 0.70 at SCRFD's 0.44-0.47 and RetinaFace's 0.75 (and
   * YuNet's 0.80, the new-track threshold 0.70 + 0.1, at 0.57 and 0.92). Measured on the Hamilton clip at the
   * service defaults: SCRFD-500m with track_thresh 0.70 (and score 0.5) started tracks only for its highest-scoring
   * faces and published 28 faces in 4 tracks where YuNet publishes about 95 in 12; with 0.45 (and score 0.35) it
   * publishes 94 in 12.
   */
  public static double defaultTrackThresh(DetectorFamily family) {
    return switch (family) {
      case YUNET -> 0.70;
      case SCRFD -> 0.45;
      case RETINAFACE -> 0.75;
    };
  }

  private static void unitOrUnset(String name, Object value) {
    if (value != null && !((Double) value >= 0.0 && (Double) value <= 1.0)) {
      throw new ConfigException(name, value, "Value must be in 0..1 (or unset for the detector family's default)");
    }
  }

  /** Minimum face box height for a frame of this height, pixels. */
  public double minFaceHeight(int frameHeight) {
    return minFacePx * frameHeight / 1080.0;
  }

  /** The consumer settings that make Kafka gather frames into polls: {@code fetch.min.bytes}, {@code fetch.max.wait.ms}. */
  public Map<String, String> consumerOverrides() {
    return Map.of("fetch.min.bytes", Integer.toString(fetchMinBytes),
        "fetch.max.wait.ms", Long.toString(fetchMaxWait.toMillis()));
  }

  /** The detector's input size, thresholds and NMS (top-k: OpenCV's 5000). */
  public DetectorSettings detectorSettings() {
    return new DetectorSettings(inputSize, (float) scoreThreshold, (float) nmsIou, DetectorSettings.DEFAULT_TOP_K);
  }
}
