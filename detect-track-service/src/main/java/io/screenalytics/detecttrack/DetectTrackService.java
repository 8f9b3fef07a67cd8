package io.screenalytics.detecttrack;

import io.screenalytics.detecttrack.service.DetectTrackConfig;
import io.screenalytics.detecttrack.service.DetectTrackHandlers;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.service.ServiceMain;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.image.ImageOps;
import java.util.List;
import java.util.Map;

/**
 * The detect-track service: consumes {@link Topics#FRAMES} (keyed by episode, so each episode's frames arrive
 * in order on one worker), publishes {@link Topics#FACES} (one record per frame with every aligned face) and
 * {@link Topics#TRACKS}. Settings under {@code detect.} (see {@link DetectTrackConfig}).
 */
public final class DetectTrackService {

  /** Service name, thread prefix and status stage: {@link DetectTrackConfig#NAME}. */
  public static final String NAME = DetectTrackConfig.NAME;

  private DetectTrackService() {}

  /**
   * Builds the service (not started): opens the detector once per worker with intra-op threads from the quota, and
   * makes OpenCV (decode, resize, alignment) run on the calling worker's thread, process-wide.
   *
   * @throws org.apache.kafka.common.config.ConfigException for invalid settings
   * @throws io.screenalytics.vision.model.ModelException when the model is missing or corrupt
   */
  public static WorkerService<?> create(Settings settings) {
    DetectTrackConfig config = DetectTrackConfig.from(settings);
    // OpenCV's own pool (a thread per core, process-wide) ignores the quota; workers and ONNX Runtime parallelise
    ImageOps.limitOpenCvThreads(1);
    Map<String, String> store = new java.util.LinkedHashMap<>();
    settings.asMap().forEach((k, v) -> {
      if (k.startsWith("store.")) {
        store.put(k, v);
      }
    });
    DetectTrackHandlers handlers = new DetectTrackHandlers(config, store, KafkaSettings.from(settings));
    // explicit kafka.* settings win over the fetch batching
    KafkaSettings kafka = KafkaSettings.from(settings).withDefaults(config.consumerOverrides());
    WorkerService<Frame> service = new WorkerService<>(NAME, config.service().groupId(), kafka,
        LoopConfig.from(Settings.of(settings.withPrefix(DetectTrackConfig.PREFIX)), 8), List.of(Topics.FRAMES), config.service().workers(),
        handlers::newHandler);
    return service.closing(handlers);
  }

  /** Runs the service alone: {@code [--config FILE] [name=value ...]}. */
  public static void main(String[] args) {
    ServiceMain.run(args, DetectTrackService::create);
  }
}
