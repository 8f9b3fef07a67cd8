package io.screenalytics.decoder.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows how far assembly has got with one episode: the largest {@value StatusPublisher#FRAMES_EMBEDDED} counter of the
 * episode's {@value #STAGE} events on {@link Topics#STATUS}, which assembly publishes every 16 distinct frames
 * whose embeddings it has received.
 *
 * <p>Its own {@link KafkaConsumer}, without a consumer group (assign, no commits), on the one partition of the
 * status topic that holds the episode's events: they are keyed by episode id, which the producers' default
 * partitioner places by the murmur2 hash of the key; other episodes' events there are skipped by key before a
 * value is deserialized. Values are read with the configured {@code value.deserializer}
 * (Confluent wire format), a record that cannot be read is skipped.
 *
 * <p>Where it starts reading: at the request's time ({@code requested_at_ms}) less {@link #CLOCK_SKEW}, by the
 * records' timestamps ({@code offsetsForTimes}), not at the beginning of a long-lived topic, nor at its end. An
 * episode's events all come after its request, so nothing of this run is missed; and when the decoder replays an
 * episode (restarted mid-episode: the request is redelivered), it sees the count assembly reached before, so it
 * does not wait for frames assembly has already counted (assembly counts distinct frames, so the frames sent again
 * do not advance its count: starting at the end instead, the decoder would wait out its stall timeout once it had
 * sent the bound again, for a report that comes only after assembly sees new frames). The frames sent again do pass
 * through detect-track and embed once more, so during a replay up to {@code bound + frames counted before} frames
 * may be in flight. How far back it reads is capped at {@link #MAX_LOOKBACK} (a request with a time far in the
 * past, or one that waited that long in the queue, starts there). A run of the same episode id pushed again within
 * {@link #CLOCK_SKEW} of the previous run's last progress would see that run's count (the bound is then looser for
 * this run, never tighter).
 *
 * <p>Not thread-safe: used by one decoder worker for one episode, then closed.
 */
final class DownstreamProgress implements InFlightBound.Progress {

  /** The stage whose progress bounds the decoder. */
  static final String STAGE = "assembly";
  /** Reading starts this long before the request time, for clocks of different hosts that disagree a little. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
  /** Reading starts at most this long before now, whatever the request's time. */
  static final Duration MAX_LOOKBACK = Duration.ofHours(6);

  private static final Logger LOG = LoggerFactory.getLogger(DownstreamProgress.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<Object> values;
  private final String episodeId;
  private long framesEmbedded;

  private DownstreamProgress(KafkaConsumer<String, byte[]> consumer, Deserializer<Object> values, String episodeId) {
    this.consumer = consumer;
    this.values = values;
    this.episodeId = episodeId;
  }

  /**
   * Opens a reader of {@code episodeId}'s progress, positioned at {@code sinceMs} less {@link #CLOCK_SKEW} (but no
   * earlier than {@link #MAX_LOOKBACK} before {@code nowMs}): the positions are resolved before it returns, so
   * every event published after this call is seen.
   *
   * @param kafka     the service's cluster settings (brokers, registry, deserializer, {@code kafka.*} overrides)
   * @param clientId  Kafka {@code client.id}, for example {@code decoder-worker-0-progress}
   * @param sinceMs   the episode's request time, epoch milliseconds
   * @param nowMs     now, epoch milliseconds
   * @throws KafkaException when the status topic cannot be reached, {@link IllegalStateException} when it does not
   *     exist (the caller then decodes without the bound)
   */
  static DownstreamProgress open(KafkaSettings kafka, String clientId, String episodeId, long sinceMs, long nowMs) {
    Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
    Deserializer<Object> values = null;
    try {
      values = kafka.newValueDeserializer(p);
      int partitions = consumer.partitionsFor(Topics.STATUS.name()).size();
      if (partitions == 0) {
        throw new IllegalStateException("topic " + Topics.STATUS.name() + " does not exist");
      }
      // the partition Kafka's default partitioner gives the episode id key: murmur2 of its bytes
      int partition = Utils.toPositive(Utils.murmur2(episodeId.getBytes(StandardCharsets.UTF_8))) % partitions;
      List<TopicPartition> parts = List.of(new TopicPartition(Topics.STATUS.name(), partition));
      consumer.assign(parts);
      long from = Math.max(sinceMs, nowMs - MAX_LOOKBACK.toMillis()) - CLOCK_SKEW.toMillis();
      Map<TopicPartition, Long> times = new HashMap<>();
      parts.forEach(tp -> times.put(tp, from));
      Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
      for (TopicPartition tp : parts) {
        OffsetAndTimestamp at = offsets.get(tp);
        if (at != null) {
          consumer.seek(tp, at.offset());
        } else {
          consumer.seekToEnd(List.of(tp)); // nothing since then: every event of this run is still to come
        }
        consumer.position(tp); // resolves a seek to the end now, not at the first poll
      }
      return new DownstreamProgress(consumer, values, episodeId);
    } catch (RuntimeException e) {
      if (values != null) {
        values.close();
      }
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  @Override
  public long framesEmbedded() {
    return framesEmbedded;
  }

  /**
   * Reads what has been published since the last poll, waiting up to {@code timeout}.
   *
   * @return whether the count advanced
   * @throws KafkaException when the consumer fails (not for unreadable records, which are skipped)
   */
  @Override
  public boolean poll(Duration timeout) {
    long before = framesEmbedded;
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      if (!episodeId.equals(r.key()) || r.value() == null) {
        continue;
      }
      Object v;
      try {
        v = values.deserialize(r.topic(), r.headers(), r.value());
      } catch (RuntimeException e) {
        LOG.debug("skipping unreadable status record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
            e.toString());
        continue;
      }
      if (v instanceof EpisodeStatus s && STAGE.equals(s.getStage()) && episodeId.equals(s.getEpisodeId())) {
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
    values.close();
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
  }

}
