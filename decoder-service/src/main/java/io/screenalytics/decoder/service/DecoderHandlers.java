package io.screenalytics.decoder.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.runtime.status.EpisodeRuns;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.store.ArtifactStore;
import java.util.function.BooleanSupplier;

/** Makes the decoder service's handlers. */
public final class DecoderHandlers {

  private DecoderHandlers() {}

  /**
   * A handler of its own for one worker, to be called on the worker's thread: the consumers it opens to read
   * assembly's progress (one per episode, while the episode is decoded, polled on that thread) take their
   * {@code client.id} from that thread's name ({@code decoder-worker-0-progress}), so they are told apart in the
   * broker's logs and quotas.
   *
   * @param config   the service's settings
   * @param store    where claim-checked frames go; may be shared by every worker (stores are thread-safe for
   *     distinct keys), and stays open: the caller closes it after the workers stop
   * @param kafka    the cluster, for reading assembly's progress on the status topic (back-pressure,
   *     {@code decoder.max.in.flight.frames})
   * @param stopping true once the service is stopping: an episode being decoded then stops waiting for room
   *     downstream and is finished, so that stopping never waits for the stall timeout
   */
  public static BatchHandler<EpisodeRequest> newHandler(DecoderConfig config, ArtifactStore store,
      KafkaSettings kafka, BooleanSupplier stopping) {
    String clientId = Thread.currentThread().getName() + "-progress";
    return new DecoderHandler(config, store,
        (episodeId, requestedAtMs) -> DownstreamProgress.open(kafka, clientId, episodeId, requestedAtMs,
            System.currentTimeMillis()),
        EpisodeAttempts.counter(kafka, clientId, DecoderConfig.NAME), EpisodeRuns.checker(kafka, clientId), stopping);
  }
}
