package io.screenalytics.reliability;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Evidence that a fault struck while the pipeline still had an episode's work in flight: a topic's end offsets taken
 * right after the fault ({@link #after}) and, once the episode has ended, how many of its records on that topic were
 * written since ({@link #recordsSince}). A stage that writes some of an episode's records after it was killed and
 * restarted (or after the broker came back) had not finished the episode when the fault struck; a fault that struck
 * after the work was done finds none.
 *
 * @param topic the topic
 * @param ends  its end offset per partition right after the fault
 */
record WorkInFlight(Topic<?, ?> topic, Map<TopicPartition, Long> ends) {

  /** The records of an episode on the topic: written after the fault, and in all. */
  record Count(long after, long total) {
    @Override
    public String toString() {
      return after + " of " + total;
    }
  }

  /** The end offsets of {@code topic} now (call it right after the fault). */
  static WorkInFlight after(KafkaSettings kafka, Topic<?, ?> topic) {
    try (KafkaConsumer<byte[], byte[]> c = consumer(kafka)) {
      List<TopicPartition> partitions = c.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      return new WorkInFlight(topic, new HashMap<>(c.endOffsets(partitions, Duration.ofSeconds(60))));
    }
  }

  /**
   * Counts the records of {@code episodeId} (key the episode id, or starting with it and a colon) on the topic, from
   * its start to its end now, and those of them at or after {@link #ends}.
   */
  Count recordsSince(KafkaSettings kafka, String episodeId) {
    long after = 0;
    long total = 0;
    try (KafkaConsumer<byte[], byte[]> c = consumer(kafka)) {
      List<TopicPartition> partitions = List.copyOf(ends.keySet());
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic.name() + " to its end " + end);
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          if (key.equals(episodeId) || key.startsWith(episodeId + ":")) {
            total++;
            if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) after++;
          }
        }
      }
    }
    return new Count(after, total);
  }

  /** The offset {@code group} committed on {@code tp} now, -1 when none: positions it has not finished start there. */
  static long committed(Admin admin, String group, TopicPartition tp) {
    try {
      OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
      return o == null ? -1 : o.offset();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaSettings kafka) {
    Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    return new KafkaConsumer<>(p);
  }
}
