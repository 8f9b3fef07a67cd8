package io.screenalytics.launcher;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.Topics;

/** Pushes episode requests onto the ingest topic, keyed by episode id. */
public final class Ingestor implements AutoCloseable {

  private final KafkaEmitter emitter;

  public Ingestor(KafkaSettings kafka) {
    this.emitter = new KafkaEmitter(kafka, "screenalytics-ingest");
  }

  /**
   * Sends one request and waits for the broker's acknowledgement.
   *
   * @param stride null for the decoder's setting
   * @throws IllegalArgumentException for an invalid episode id
   */
  public void push(String episodeId, String videoUri, String facebankUri, Integer stride) {
    EpisodeRequest request = EpisodeRequest.newBuilder()
        .setEpisodeId(EpisodeIds.validate(episodeId))
        .setVideoUri(videoUri)
        .setFacebankUri(facebankUri)
        .setStride(stride)
        .setRequestedAtMs(System.currentTimeMillis())
        .build();
    emitter.send(Topics.INGEST, episodeId, request);
    emitter.flush();
  }

  @Override
  public void close() {
    emitter.close();
  }
}
