package io.screenalytics.decoder;

import io.screenalytics.decoder.service.DecoderConfig;
import io.screenalytics.decoder.service.DecoderHandlers;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.service.ServiceMain;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The decoder service: consumes {@link Topics#INGEST}, decodes each episode with JavaCV/FFmpeg and publishes
 * its sampled frames to {@link Topics#FRAMES}, keyed by episode id so they stay in order, with status events
 * on {@link Topics#STATUS}. Settings under {@code decoder.} and {@code store.} (see {@link DecoderConfig});
 * the artifact store takes claim-checked frames and serves {@code s3://} inputs. It reads {@link Topics#STATUS}
 * too, for assembly's progress: it keeps at most {@code decoder.max.in.flight.frames} of an episode's frames in
 * flight (back-pressure). With {@code decoder.chunk.seconds} above 0 it also consumes {@link Topics#DECODE_CHUNKS}:
 * the decoder taking an episode splits it into keyframe-aligned chunks published there, and the group's members
 * decode them in parallel.
 */
public final class DecoderService {

  /** Service name, thread prefix and status stage: {@link DecoderConfig#NAME}. */
  public static final String NAME = DecoderConfig.NAME;

  private DecoderService() {}

  /**
   * Builds the service (not started). One episode per poll: decoding takes minutes (and may wait for room
   * downstream), so the poll interval allowed between polls is raised to 30 minutes. The service closes the
   * artifact store it opens; closing it while an episode waits for room downstream ends the wait at once (the
   * episode is then finished without the bound).
   *
   * @throws org.apache.kafka.common.config.ConfigException for invalid settings, all listed at once
   */
  public static WorkerService<?> create(Settings settings) {
    DecoderConfig config = DecoderConfig.from(settings);
    KafkaSettings base = KafkaSettings.from(settings);
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("max.poll.interval.ms", Integer.toString(30 * 60 * 1000));
    overrides.putAll(base.clientOverrides());
    KafkaSettings kafka = new KafkaSettings(base.bootstrapServers(), base.registryUrl(), base.valueSerializer(),
        base.valueDeserializer(), overrides);
    LoopConfig loop = LoopConfig.from(Settings.of(settings.withPrefix(DecoderConfig.PREFIX)), 1);
    ArtifactStore store = ArtifactStores.open(config.storeSettings());
    AtomicReference<WorkerService<?>> self = new AtomicReference<>();
    BooleanSupplier stopping = () -> {
      WorkerService<?> s = self.get();
      return s != null && (s.state() == WorkerService.State.STOPPING || s.state() == WorkerService.State.STOPPED);
    };
    WorkerService<EpisodeRequest> service = new WorkerService<EpisodeRequest>(NAME, config.service().groupId(),
        kafka, loop, List.of(Topics.INGEST, Topics.DECODE_CHUNKS), config.service().workers(),
        () -> DecoderHandlers.newHandler(config, store, kafka, stopping)).closing(store);
    self.set(service);
    return service;
  }

  /** Runs the service alone: {@code [--config FILE] [name=value ...]}. */
  public static void main(String[] args) {
    ServiceMain.run(args, DecoderService::create);
  }
}
