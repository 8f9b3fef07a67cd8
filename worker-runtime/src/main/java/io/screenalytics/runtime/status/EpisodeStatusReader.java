package io.screenalytics.runtime.status;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * Reads one episode's events on {@link Topics#STATUS} from a point in time: its own {@link KafkaConsumer} without a
 * consumer group (assign, no commits) on the one partition that holds the episode's events (they are keyed by
 * episode id, which the producers' default partitioner places by the murmur2 hash of the key), positioned by the
 * records' timestamps ({@code offsetsForTimes}) at {@code sinceMs} less {@link #CLOCK_SKEW}, but no earlier than
 * {@link #MAX_LOOKBACK} before now. Other episodes' events there are skipped by key before a value is
 * deserialized; a record that cannot be read is skipped.
 *
 * <p>Not thread-safe: one reader per worker and episode, closed after use.
 */
public final class EpisodeStatusReader implements AutoCloseable {

  /** Reading starts this long before the given time, for clocks of different hosts that disagree a little. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
  /** Reading starts at most this long before now, whatever the given time. */
  public static final Duration MAX_LOOKBACK = Duration.ofHours(6);

  private static final Logger LOG = LoggerFactory.getLogger(EpisodeStatusReader.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<Object> values;
  private final String episodeId;
  private final TopicPartition partition;
  private final long endAtOpen;

  private EpisodeStatusReader(KafkaConsumer<String, byte[]> consumer, Deserializer<Object> values, String episodeId,
      TopicPartition partition, long endAtOpen) {
    this.consumer = consumer;
    this.values = values;
    this.episodeId = episodeId;
    this.partition = partition;
    this.endAtOpen = endAtOpen;
  }

  /**
   * Opens a reader of {@code episodeId}'s events positioned at {@code sinceMs} (see the class comment); the
   * position is resolved before it returns, so every event published after this call is seen.
   *
   * @param clientId Kafka {@code client.id}, for example {@code decoder-worker-0-progress}
   * @param sinceMs  epoch milliseconds
   * @param nowMs    now, epoch milliseconds
   * @throws KafkaException when the status topic cannot be reached, {@link IllegalStateException} when it does not
   *     exist
   */
  public static EpisodeStatusReader open(KafkaSettings kafka, String clientId, String episodeId, long sinceMs,
      long nowMs) {
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
      int index = Utils.toPositive(Utils.murmur2(episodeId.getBytes(StandardCharsets.UTF_8))) % partitions;
      TopicPartition tp = new TopicPartition(Topics.STATUS.name(), index);
      consumer.assign(List.of(tp));
      long from = Math.max(sinceMs, nowMs - MAX_LOOKBACK.toMillis()) - CLOCK_SKEW.toMillis();
      OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(tp, from)).get(tp);
      if (at != null) {
        consumer.seek(tp, at.offset());
      } else {
        consumer.seekToEnd(List.of(tp)); // nothing since then: every event of interest is still to come
      }
      consumer.position(tp); // resolves a seek to the end now, not at the first poll
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      return new EpisodeStatusReader(consumer, values, episodeId, tp, end);
    } catch (RuntimeException e) {
      if (values != null) {
        values.close();
      }
      consumer.close(CloseOptions.timeout(Duration.ZERO));
      throw e;
    }
  }

  /**
   * The episode's events published since the last poll, waiting up to {@code timeout} for some.
   *
   * @throws KafkaException when the consumer fails (not for unreadable records, which are skipped)
   */
  public List<EpisodeStatus> poll(Duration timeout) {
    List<EpisodeStatus> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      if (!episodeId.equals(r.key()) || r.value() == null) {
        continue;
      }
      try {
        if (values.deserialize(r.topic(), r.headers(), r.value()) instanceof EpisodeStatus s
            && episodeId.equals(s.getEpisodeId())) {
          out.add(s);
        }
      } catch (RuntimeException e) {
        LOG.debug("skipping unreadable status record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
            e.toString());
      }
    }
    return out;
  }

  /**
   * The episode's events from the start position up to the end of the partition as it was when this reader was
   * opened.
   *
   * @param timeout how long to keep reading at most
   * @throws KafkaException when the consumer fails; {@link IllegalStateException} when the end is not reached in time
   */
  public List<EpisodeStatus> readToOpenEnd(Duration timeout) {
    List<EpisodeStatus> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (consumer.position(partition) < endAtOpen) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + partition + " up to offset " + endAtOpen + " in "
            + timeout);
      }
      out.addAll(poll(Duration.ofMillis(200)));
    }
    return out;
  }

  @Override
  public void close() {
    values.close();
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
  }
}
