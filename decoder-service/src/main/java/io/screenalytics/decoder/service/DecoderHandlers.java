package io.screenalytics.decoder.service;

import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.schemas.EpisodeRequest;

/** Makes the decoder service's handlers. */
public final class DecoderHandlers {

  private DecoderHandlers() {}

  /** A handler of its own for one worker. */
  public static BatchHandler<EpisodeRequest> newHandler(DecoderConfig config) {
    return new DecoderHandler(config);
  }
}
