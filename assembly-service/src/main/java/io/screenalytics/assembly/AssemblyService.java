package io.screenalytics.assembly;

import io.screenalytics.assembly.service.AssemblyHandlers;
import io.screenalytics.assembly.service.AssemblyServiceConfig;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.service.ServiceMain;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import java.util.List;
import java.util.Map;

/**
 * The assembly service: consumes {@link Topics#INGEST}, {@link Topics#EMBEDDINGS}, {@link Topics#TRACKS},
 * {@link Topics#STATUS} and {@link Topics#VOICE}, all keyed by episode id with the same partition count, and assigns
 * them with the range assignor so each worker sees whole episodes. An episode whose faces are complete waits for its
 * voice result within {@link io.screenalytics.assembly.service.StageWait}'s bound, then its voices are linked to its faces and named from the store's
 * voicebank. Writes each episode's manifests and report to the
 * artifact store ({@code store.*} settings: a local directory or an S3 bucket, opened once and shared by the
 * workers) and publishes its {@code COMPLETED} event with the episode folder's URI.
 */
public final class AssemblyService {

  /** Service name, thread prefix and status stage. */
  public static final String NAME = "assembly";

  private AssemblyService() {}

  /**
   * Builds the service (not started).
   *
   * @throws IllegalArgumentException or {@link org.apache.kafka.common.config.ConfigException} for invalid settings
   */
  public static WorkerService<?> create(Settings settings) {
    AssemblyServiceConfig config = AssemblyServiceConfig.from(settings);
    // the range assignor keeps an episode's co-partitioned inputs on one worker
    KafkaSettings kafka = KafkaSettings.from(settings).withOverrides(
        Map.of("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor"));
    ArtifactStore store = ArtifactStores.open(config.store());
    return new WorkerService<>(NAME, config.service().groupId(), kafka,
        LoopConfig.from(Settings.of(settings.withPrefix(AssemblyServiceConfig.PREFIX)), 64),
        List.of(Topics.INGEST, Topics.EMBEDDINGS, Topics.TRACKS, Topics.STATUS, Topics.VOICE,
            Topics.ASD), config.service().workers(),
        () -> AssemblyHandlers.newHandler(config, store, kafka)).closing(store);
  }

  /** Runs the service alone: {@code [--config FILE] [name=value ...]}. */
  public static void main(String[] args) {
    ServiceMain.run(args, AssemblyService::create);
  }
}
