package io.screenalytics.decoder.service;

import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.store.ArtifactStore;

/** Makes the decoder service's handlers. */
public final class DecoderHandlers {

  private DecoderHandlers() {}

  /**
   * A handler of its own for one worker.
   *
   * @param config the service's settings
   * @param store where claim-checked frames go; may be shared by every worker (stores are thread-safe for
   *     distinct keys), and stays open: the caller closes it after the workers stop
   */
  public static BatchHandler<EpisodeRequest> newHandler(DecoderConfig config, ArtifactStore store) {
    return new DecoderHandler(config, store);
  }
}
