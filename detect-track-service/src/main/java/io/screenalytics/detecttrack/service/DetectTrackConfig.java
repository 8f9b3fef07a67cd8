package io.screenalytics.detecttrack.service;

import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the detect-track service, all under the prefix {@code detect.}.
 *
 * @param service          core quota, workers, consumer group
 * @param modelsDir        models directory, or null for the default lookup (includes {@code ../shared/models})
 * @param detectorModel    bundled detector name (ModelCatalog), default {@code yunet_s_dynamic}
 * @param inputSize        detector input long side, pixels
 * @param scoreThreshold   detector score threshold, 0..1
 * @param nmsIou           detector NMS IoU threshold
 * @param minFacePx        minimum face height at 1080p-equivalent resolution, pixels: a face is kept when its
 *                         box height >= minFacePx * frame_height / 1080 (90 at 1080p = 30 at 360p)
 * @param trackThresh      ByteTrack {@code track_thresh}: detections at or above it are high-score
 * @param matchThresh      ByteTrack {@code match_thresh}: IoU-distance limit of the first association
 * @param trackBuffer      ByteTrack {@code track_buffer}, frames at 30 fps (scaled by fps / stride)
 * @param maxGapSeconds    a lost track ends after this gap whatever the fps and stride, seconds
 * @param minTrackLength   tracks with fewer sampled frames are dropped
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
    int minTrackLength) {

  public static final String PREFIX = "detect.";

  /** Defaults: track_thresh 0.70, match_thresh 0.80, track_buffer 90 and min face 90 px, from the tuned original. */
  static final ConfigDef DEF = new ConfigDef()
      .define("model", Type.STRING, "yunet_s_dynamic", Importance.MEDIUM, "Bundled face detector.")
      .define("input.size", Type.INT, 640, Range.between(64, 4096), Importance.MEDIUM,
          "Detector input long side, pixels (frames are resized to fit).")
      .define("score.threshold", Type.DOUBLE, 0.6, Range.between(0.0, 1.0), Importance.MEDIUM,
          "Detector score threshold.")
      .define("nms.iou", Type.DOUBLE, 0.3, Range.between(0.0, 1.0), Importance.LOW, "Detector NMS IoU threshold.")
      .define("min.face.px", Type.DOUBLE, 90.0, Range.atLeast(0.0), Importance.MEDIUM,
          "Minimum face box height at 1080p-equivalent resolution, pixels (scaled by frame height / 1080).")
      .define("track.thresh", Type.DOUBLE, 0.70, Range.between(0.0, 1.0), Importance.MEDIUM, "ByteTrack track_thresh.")
      .define("match.thresh", Type.DOUBLE, 0.80, Range.between(0.0, 1.0), Importance.MEDIUM, "ByteTrack match_thresh.")
      .define("track.buffer", Type.INT, 90, Range.atLeast(1), Importance.MEDIUM,
          "ByteTrack track_buffer, frames at 30 fps.")
      .define("max.gap.s", Type.DOUBLE, 2.0, Range.atLeast(0.0), Importance.MEDIUM,
          "A lost track ends after this gap, seconds, at any fps and stride.")
      .define("min.track.length", Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
          "Tracks with fewer sampled frames are dropped.");

  /** Parses {@code detect.*} and {@code models.dir}. */
  public static DetectTrackConfig from(Settings settings) {
    Map<String, Object> v = Settings.of(settings.withPrefix(PREFIX)).parse(DEF);
    return new DetectTrackConfig(
        ServiceSettings.from(settings, "detect-track", PREFIX),
        settings.asMap().get("models.dir"),
        (String) v.get("model"),
        (Integer) v.get("input.size"),
        (Double) v.get("score.threshold"),
        (Double) v.get("nms.iou"),
        (Double) v.get("min.face.px"),
        (Double) v.get("track.thresh"),
        (Double) v.get("match.thresh"),
        (Integer) v.get("track.buffer"),
        (Double) v.get("max.gap.s"),
        (Integer) v.get("min.track.length"));
  }

  /** Minimum face box height for a frame of this height, pixels. */
  public double minFaceHeight(int frameHeight) {
    return minFacePx * frameHeight / 1080.0;
  }
}
