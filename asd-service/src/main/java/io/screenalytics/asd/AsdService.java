package io.screenalytics.asd;

import io.screenalytics.asd.service.AsdConfig;
import io.screenalytics.asd.service.AsdHandlers;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.service.ServiceMain;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.Topics;
import java.util.List;
import java.util.Map;

/**
 * The active speaker service: consumes {@link Topics#INGEST}, {@link Topics#TRACKS}, {@link Topics#VOICE} and
 * {@link Topics#STATUS} as its own consumer group ({@code screenalytics-asd}), and publishes each episode's Light-ASD
 * logits over its contested spans on {@link Topics#ASD} keyed by episode id, with status events of stage
 * {@code asd}. Settings under {@code asd.} (see {@link AsdConfig}). Instances share the partitions as one group.
 */
public final class AsdService {

  /** Service name, thread prefix and status stage. */
  public static final String NAME = AsdConfig.NAME;

  private AsdService() {}

  /**
   * Builds the service (not started). The poll interval allowed is raised to 30 minutes: an episode's contested
   * spans are decoded and scored inside one poll.
   *
   * @throws org.apache.kafka.common.config.ConfigException for invalid settings, all listed at once
   * @throws io.screenalytics.vision.model.ModelException when the model is missing or altered
   */
  public static WorkerService<?> create(Settings settings) {
    AsdConfig config = AsdConfig.from(settings);
    // the range assignor keeps an episode's co-partitioned inputs (request, tracks, voice, status) on one worker
    KafkaSettings kafka = KafkaSettings.from(settings)
        .withDefaults(Map.of("max.poll.interval.ms", Integer.toString(30 * 60 * 1000)))
        .withOverrides(Map.of("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor"));
    LoopConfig loop = LoopConfig.from(Settings.of(settings.withPrefix(AsdConfig.PREFIX)), 64);
    AsdHandlers handlers = new AsdHandlers(config, kafka);
    return new WorkerService<Object>(NAME, config.service().groupId(), kafka, loop,
        List.of(Topics.INGEST, Topics.TRACKS, Topics.VOICE, Topics.STATUS), config.service().workers(),
        handlers::newHandler).closing(handlers);
  }

  /** Runs the service alone: {@code [--config FILE] [name=value ...]}. */
  public static void main(String[] args) {
    ServiceMain.run(args, AsdService::create);
  }
}
