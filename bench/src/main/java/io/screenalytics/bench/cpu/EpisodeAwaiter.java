package io.screenalytics.bench.cpu;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one episode's status events until assembly completes it or a stage fails, keeping each stage's last
 * event (whose counters carry the stage's {@code cpu_percent} and {@code threads}).
 */
public final class EpisodeAwaiter implements AutoCloseable {

  private final KafkaConsumer<String, Object> consumer;
  private final Map<String, EpisodeStatus> lastByStage = new TreeMap<>();

  /** Reads the status topic from its current end (events of earlier episodes are skipped). */
  public EpisodeAwaiter(KafkaSettings kafka) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, kafka.valueDeserializer());
    consumer = new KafkaConsumer<>(p);
    List<TopicPartition> parts = consumer.partitionsFor(Topics.STATUS.name()).stream()
        .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position);
  }

  /** Waits for the end of {@code episodeId}; empty on timeout. */
  public Optional<EpisodeStatus> await(String episodeId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (var r : consumer.poll(Duration.ofMillis(200))) {
        if (r.value() instanceof EpisodeStatus s && s.getEpisodeId().equals(episodeId)) {
          lastByStage.put(s.getStage(), s);
          boolean done = s.getState() == EpisodeState.FAILED || ("assembly".equals(s.getStage())
              && (s.getState() == EpisodeState.COMPLETED || s.getState() == EpisodeState.COMPLETED_WITH_WARNINGS));
          if (done) {
            return Optional.of(s);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The last event of each stage seen, by stage name. */
  public Map<String, EpisodeStatus> lastByStage() {
    return lastByStage;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
