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
import java.util.List;

/**
 * The embed service: consumes {@link Topics#FACES} (keyed by episode and frame, spread over partitions),
 * publishes {@link Topics#EMBEDDINGS} keyed by episode. Stateless: run as many instances as there are
 * partitions. Settings under {@code embed.} (see {@link EmbedConfig}).
 */
public final class EmbedService {

  /** Service name, thread prefix and status stage. */
  public static final String NAME = "embed";

  private EmbedService() {}

  /**
   * Builds the service (not started).
   *
   * @throws org.apache.kafka.common.config.ConfigException for invalid settings
   * @throws io.screenalytics.vision.model.ModelException when the model is missing or corrupt
   */
  public static WorkerService<?> create(Settings settings) {
    EmbedConfig config = EmbedConfig.from(settings);
    EmbedHandlers handlers = new EmbedHandlers(config);
    return new WorkerService<FaceBatch>(NAME, config.service().groupId(), KafkaSettings.from(settings),
        LoopConfig.from(Settings.of(settings.withPrefix(EmbedConfig.PREFIX)), 8), List.of(Topics.FACES),
        config.service().workers(), handlers::newHandler).closing(handlers);
  }

  /** Runs the service alone: {@code [--config FILE] [name=value ...]}. */
  public static void main(String[] args) {
    ServiceMain.run(args, EmbedService::create);
  }
}
