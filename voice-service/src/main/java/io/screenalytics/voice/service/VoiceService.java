package io.screenalytics.voice.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.service.ServiceMain;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.Topics;
import java.util.List;
import java.util.Map;

/**
 * The voice service: consumes {@link Topics#INGEST} as its own consumer group ({@code screenalytics-voice}),
 * publishes each episode's speech spans and window embeddings on {@link Topics#VOICE} keyed by episode id, with
 * status events of stage {@code voice}. Settings under {@code voice.} (see {@link VoiceConfig}). One episode per
 * poll; instances share the ingest partitions as one consumer group.
 */
public final class VoiceService {

  /** Service name, thread prefix and status stage. */
  public static final String NAME = "voice";

  private VoiceService() {}

  /**
   * Builds the service (not started). The poll interval allowed is raised to 30 minutes: an episode's audio takes
   * minutes to decode and embed.
   *
   * @throws org.apache.kafka.common.config.ConfigException for invalid settings, all listed at once
   * @throws io.screenalytics.vision.model.ModelException when a model is missing or altered
   */
  public static WorkerService<?> create(Settings settings) {
    VoiceConfig config = VoiceConfig.from(settings);
    KafkaSettings kafka = KafkaSettings.from(settings)
        .withDefaults(Map.of("max.poll.interval.ms", Integer.toString(30 * 60 * 1000)));
    LoopConfig loop = LoopConfig.from(Settings.of(settings.withPrefix(VoiceConfig.PREFIX)), 1);
    VoiceHandlers handlers = new VoiceHandlers(config, kafka);
    return new WorkerService<EpisodeRequest>(NAME, config.service().groupId(), kafka, loop, List.of(Topics.INGEST),
        config.service().workers(), handlers::newHandler).closing(handlers);
  }

  /** Runs the service alone: {@code [--config FILE] [name=value ...]}. */
  public static void main(String[] args) {
    ServiceMain.run(args, VoiceService::create);
  }
}
