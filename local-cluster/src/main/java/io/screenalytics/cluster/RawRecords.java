package io.screenalytics.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a partition's raw records from the start, for tests that check bytes and headers (the dead letters). */
public final class RawRecords {

  private RawRecords() {
  }

  /**
   * Reads from the beginning of {@code partition} until {@code expected} records arrived or {@code timeout} passed.
   *
   * @return the records read, in offset order (fewer than expected on timeout)
   */
  public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, TopicPartition partition,
                                                           int expected, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", bootstrapServers,
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName()))) {
      c.assign(List.of(partition));
      c.seekToBeginning(List.of(partition));
      long deadline = System.currentTimeMillis() + timeout.toMillis();
      while (out.size() < expected && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
