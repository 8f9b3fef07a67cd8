package io.screenalytics.decoder.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.status.EpisodeStatusReader;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.EpisodeStatus;
import java.time.Duration;

/**
 * Follows how far assembly has got with one episode: the largest {@value StatusPublisher#FRAMES_EMBEDDED} counter of the
 * episode's {@value #STAGE} events on {@link Topics#STATUS}, which assembly publishes every 16 distinct frames
 * whose embeddings it has received.
 *
 * <p>It reads through an {@link EpisodeStatusReader} (the one partition of the status topic that holds the
 * episode's events, no consumer group).
 *
 * <p>Where it starts reading: at the request's time ({@code requested_at_ms}) less
 * {@link EpisodeStatusReader#CLOCK_SKEW}, by the records' timestamps, not at the beginning of a long-lived topic,
 * nor at its end. An
 * episode's events all come after its request, so nothing of this run is missed; and when the decoder replays an
 * episode (restarted mid-episode: the request is redelivered), it sees the count assembly reached before, so it
 * does not wait for frames assembly has already counted (assembly counts distinct frames, so the frames sent again
 * do not advance its count: starting at the end instead, the decoder would wait out its stall timeout once it had
 * sent the bound again, for a report that comes only after assembly sees new frames). The frames sent again do pass
 * through detect-track and embed once more, so during a replay up to {@code bound + frames counted before} frames
 * may be in flight. How far back it reads is capped at {@link EpisodeStatusReader#MAX_LOOKBACK} (a request with a time far in the
 * past, or one that waited that long in the queue, starts there). A run of the same episode id pushed again within
 * {@link EpisodeStatusReader#CLOCK_SKEW} of the previous run's last progress would see that run's count (the bound is then looser for
 * this run, never tighter).
 *
 * <p>Not thread-safe: used by one decoder worker for one episode, then closed.
 */
final class DownstreamProgress implements InFlightBound.Progress {

  /** The stage whose progress bounds the decoder. */
  static final String STAGE = "assembly";

  private final EpisodeStatusReader reader;
  private long framesEmbedded;

  private DownstreamProgress(EpisodeStatusReader reader) {
    this.reader = reader;
  }

  /**
   * Opens a reader of {@code episodeId}'s progress, positioned at {@code sinceMs} (see
   * {@link EpisodeStatusReader#open}): every event published after this call is seen.
   *
   * @param kafka     the service's cluster settings (brokers, registry, deserializer, {@code kafka.*} overrides)
   * @param clientId  Kafka {@code client.id}, for example {@code decoder-worker-0-progress}
   * @param sinceMs   the episode's request time, epoch milliseconds
   * @param nowMs     now, epoch milliseconds
   * @throws org.apache.kafka.common.KafkaException when the status topic cannot be reached,
   *     {@link IllegalStateException} when it does not exist (the caller then decodes without the bound)
   */
  static DownstreamProgress open(KafkaSettings kafka, String clientId, String episodeId, long sinceMs, long nowMs) {
    return new DownstreamProgress(EpisodeStatusReader.open(kafka, clientId, episodeId, sinceMs, nowMs));
  }

  @Override
  public long framesEmbedded() {
    return framesEmbedded;
  }

  /**
   * Reads what has been published since the last poll, waiting up to {@code timeout}.
   *
   * @return whether the count advanced
   * @throws org.apache.kafka.common.KafkaException when the consumer fails (not for unreadable records)
   */
  @Override
  public boolean poll(Duration timeout) {
    long before = framesEmbedded;
    for (EpisodeStatus s : reader.poll(timeout)) {
      if (STAGE.equals(s.getStage())) {
        Double n = s.getCounters().get(StatusPublisher.FRAMES_EMBEDDED);
        if (n != null && n > framesEmbedded) {
          framesEmbedded = n.longValue();
        }
      }
    }
    return framesEmbedded > before;
  }

  @Override
  public void close() {
    reader.close();
  }
}
