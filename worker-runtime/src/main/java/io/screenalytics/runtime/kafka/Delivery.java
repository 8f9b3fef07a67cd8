package io.screenalytics.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record, deserialized.
 *
 * @param key    the record key (UTF-8), may be null
 * @param value  the deserialized value, never null (tombstones are not delivered)
 * @param source the original record with its raw bytes, for dead-lettering and context
 */
public record Delivery<V>(String key, V value, ConsumerRecord<byte[], byte[]> source) {

  /** {@code topic-partition@offset}, for logs. */
  public String position() {
    return source.topic() + "-" + source.partition() + "@" + source.offset();
  }
}
