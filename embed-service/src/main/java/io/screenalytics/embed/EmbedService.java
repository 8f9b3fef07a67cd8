package io.screenalytics.embed;

import io.screenalytics.embed.service.EmbedConfig;
import io.screenalytics.embed.service.EmbedHandlers;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.service.ServiceMain;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.image.ImageOps;
import java.util.List;

/**
 * The embed service: consumes {@link Topics#FACES} (keyed by episode and frame, spread over 8 partitions),
 * publishes {@link Topics#EMBEDDINGS} keyed by episode. Stateless: run as many instances as there are
 * partitions; they share the partitions as one consumer group. Settings under {@code embed.} (see
 * {@link EmbedConfig}).
 *
 * <p>Batching across frames is Kafka's: the consumer's {@code fetch.min.bytes} / {@code fetch.max.wait.ms}
 * (from {@code embed.fetch.min.bytes} / {@code embed.fetch.max.wait.ms}) let frames gather, {@code
 * embed.loop.max.poll.records} bounds the frames of one poll, {@code embed.max.batch} the faces of one model
 * call. Explicit {@code kafka.fetch.min.bytes} / {@code kafka.fetch.max.wait.ms} settings win.
 *
 * <p>Crash containment per face batch ({@code embed.max.record.attempts}, 3): the loop marks each poll's positions
 * before embedding them ({@link io.screenalytics.runtime.kafka.RecordAttempts}); a face batch the process died on
 * that many times is dead-lettered ({@code crashed:}) and its frame published with its faces skipped as
 * {@code crashed}, so the partition moves on and the episode completes without those embeddings.
 */
public final class EmbedService {

  /** Service name, thread prefix and status stage: {@link EmbedConfig#NAME}. */
  public static final String NAME = EmbedConfig.NAME;

  private EmbedService() {}

  /**
   * Builds the service (not started); opens the first embedder session, and makes OpenCV (thumbnail JPEGs) run on
   * the calling worker's thread, process-wide.
   *
   * @throws org.apache.kafka.common.config.ConfigException for invalid settings
   * @throws io.screenalytics.vision.model.ModelException when the model is missing or corrupt, or the execution
   *     provider is unavailable
   */
  public static WorkerService<?> create(Settings settings) {
    EmbedConfig config = EmbedConfig.from(settings);
    // OpenCV's own pool (a thread per core, process-wide) ignores the quota; workers and ONNX Runtime parallelise
    ImageOps.limitOpenCvThreads(1);
    // crash containment per face batch (embed.max.record.attempts): embed has no episode to contain crashes by
    LoopConfig loop = LoopConfig.from(Settings.of(settings.withPrefix(EmbedConfig.PREFIX)),
        EmbedConfig.DEFAULT_MAX_POLL_RECORDS).withMaxRecordAttempts(config.service().maxRecordAttempts());
    KafkaSettings kafka = kafkaSettings(settings, config);
    EmbedHandlers handlers = new EmbedHandlers(config);
    return new WorkerService<FaceBatch>(NAME, config.service().groupId(), kafka, loop, List.of(Topics.FACES),
        config.service().workers(), handlers::newHandler).closing(handlers);
  }

  /**
   * The cluster settings of the service: the common ones plus the consumer's {@code fetch.min.bytes} and {@code
   * fetch.max.wait.ms} from {@code embed.fetch.*}; explicit {@code kafka.*} settings win.
   */
  public static KafkaSettings kafkaSettings(Settings settings, EmbedConfig config) {
    return KafkaSettings.from(settings).withDefaults(config.consumerOverrides());
  }

  /** Runs the service alone: {@code [--config FILE] [name=value ...]}. */
  public static void main(String[] args) {
    ServiceMain.run(args, EmbedService::create);
  }
}
