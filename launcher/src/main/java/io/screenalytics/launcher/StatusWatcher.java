package io.screenalytics.launcher;

import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows episodes' events on the status topic until they complete or fail. Reads every partition
 * from the beginning without a consumer group, so it sees events published before it started.
 */
public final class StatusWatcher implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<Object> values;
  /** Events read but not yet handed out, per episode, so waiting for one episode loses no other's. */
  private final Map<String, List<EpisodeStatus>> pending = new HashMap<>();
  /** Status events read so far, of every episode: the pipeline's pulse. */
  private long eventsRead;

  private final List<TopicPartition> partitions;

  /**
   * A watcher of every status event, from the beginning of the topic.
   *
   * @throws org.apache.kafka.common.KafkaException when the cluster cannot be reached (after
   *     {@code default.api.timeout.ms}) or has no status topic
   */
  public StatusWatcher(KafkaSettings kafka) {
    this(kafka, true);
  }

  private StatusWatcher(KafkaSettings kafka, boolean fromBeginning) {
    Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumer = new KafkaConsumer<>(p);
    this.values = kafka.newValueDeserializer(p);
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(Topics.STATUS.name());
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("no topic " + Topics.STATUS.name() + " on " + kafka.bootstrapServers()
            + " (create the topics with screenalytics topics)");
      }
      this.partitions = infos.stream().map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: events from here on are seen
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * A watcher of the events published from now on only, not those already on the topic: for episodes about to be
   * pushed, whose ids may have finished before (an earlier run of the same video).
   *
   * @throws org.apache.kafka.common.KafkaException when the cluster cannot be reached
   */
  public static StatusWatcher fromNow(KafkaSettings kafka) {
    return new StatusWatcher(kafka, false);
  }

  /**
   * Every event of {@code episodeId} on the topic now, oldest first: reads each partition up to its end at the
   * time of the call (events of other episodes read on the way are kept for later waits).
   */
  public List<EpisodeStatus> history(String episodeId) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    List<EpisodeStatus> out = new ArrayList<>();
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
      read(Duration.ofMillis(200));
    }
    List<EpisodeStatus> mine = pending.remove(episodeId);
    if (mine != null) {
      out.addAll(mine);
    }
    return out;
  }

  /** True when {@code s} ends the episode: assembly completed, or any stage failed. */
  public static boolean isTerminal(EpisodeStatus s) {
    return s.getState() == EpisodeState.FAILED
        || ("assembly".equals(s.getStage())
            && (s.getState() == EpisodeState.COMPLETED || s.getState() == EpisodeState.COMPLETED_WITH_WARNINGS));
  }

  /**
   * Waits for the terminal event of {@code episodeId}, passing every event of it to {@code onEvent}.
   *
   * @return the terminal event, or empty on timeout
   */
  public Optional<EpisodeStatus> await(String episodeId, Duration timeout, Consumer<EpisodeStatus> onEvent) {
    Instant deadline = Instant.now().plus(timeout);
    do {
      List<EpisodeStatus> events = pending.remove(episodeId);
      if (events != null) {
        for (EpisodeStatus s : events) {
          onEvent.accept(s);
          if (isTerminal(s)) {
            return Optional.of(s);
          }
        }
      }
      read(Duration.ofMillis(200));
    } while (Instant.now().isBefore(deadline) || pending.containsKey(episodeId));
    return Optional.empty();
  }

  /**
   * Waits for the terminal events of all of {@code episodeIds}, passing every event of them to {@code onEvent} as it
   * comes, while the pipeline shows signs of life (as {@link #awaitWhileProgressing(String, Duration, Duration,
   * Consumer)}: it gives up after {@code stall} without any status event, or after {@code cap} in all).
   *
   * @return the terminal event of each episode that ended, by id; an id missing from it did not end in time
   */
  public Map<String, EpisodeStatus> awaitAll(Collection<String> episodeIds, Duration stall, Duration cap,
                                             Consumer<EpisodeStatus> onEvent) {
    Map<String, EpisodeStatus> ends = new LinkedHashMap<>();
    ProgressWait.Watch watch = ProgressWait.watch(stall, cap, eventsRead);
    while (true) {
      for (String id : episodeIds) {
        List<EpisodeStatus> events = ends.containsKey(id) ? null : pending.remove(id);
        if (events == null) {
          continue;
        }
        for (EpisodeStatus s : events) {
          onEvent.accept(s);
          if (isTerminal(s)) {
            ends.put(id, s);
            break;
          }
        }
      }
      if (ends.size() == new HashSet<>(episodeIds).size()) {
        return ends;
      }
      watch.observe(eventsRead);
      if (watch.expired()) {
        return ends;
      }
      read(Duration.ofMillis(200));
    }
  }

  /** Polls once, keeping every status event read for the episode it belongs to. */
  private void read(Duration timeout) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      if (value(r) instanceof EpisodeStatus s) {
        pending.computeIfAbsent(s.getEpisodeId(), k -> new ArrayList<>()).add(s);
        eventsRead++;
      }
    }
  }

  /**
   * Waits for the terminal event of {@code episodeId} while the pipeline shows signs of life: it gives up only when
   * no status event of any episode arrived for {@code stall} (stages publish progress events every 2 s while they
   * work), or after {@code cap} in all. A slower machine makes the wait longer, not shorter than the work.
   *
   * @return the terminal event, or empty after a stall or the cap
   */
  public Optional<EpisodeStatus> awaitWhileProgressing(String episodeId, Duration stall, Duration cap,
                             Consumer<EpisodeStatus> onEvent) {
    ProgressWait.Watch watch = ProgressWait.watch(stall, cap, eventsRead);
    while (true) {
      Optional<EpisodeStatus> end = await(episodeId, Duration.ofSeconds(1), onEvent);
      if (end.isPresent()) return end;
      watch.observe(eventsRead);
      if (watch.expired()) return Optional.empty();
    }
  }

  /**
   * {@link #awaitWhileProgressing(String, Duration, Duration, Consumer)} with {@link ProgressWait#DEFAULT_STALL} and
   * {@link ProgressWait#DEFAULT_CAP}.
   */
  public Optional<EpisodeStatus> awaitWhileProgressing(String episodeId, Consumer<EpisodeStatus> onEvent) {
    return awaitWhileProgressing(episodeId, ProgressWait.DEFAULT_STALL, ProgressWait.DEFAULT_CAP, onEvent);
  }

  /** The record's value, or null when it cannot be read (a malformed record is skipped, not fatal). */
  private Object value(ConsumerRecord<String, byte[]> r) {
    try {
      return values.deserialize(r.topic(), r.headers(), r.value());
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (values != null) {
      values.close();
    }
    consumer.close();
  }

}
