package io.screenalytics.runtime.kafka;

import io.screenalytics.schemas.Topic;

/**
 * Where a handler puts its outputs. Every output is keyed by its natural key (episode id, frame index,
 * track id) so a redelivered input overwrites rather than duplicates downstream.
 *
 * <p>Implementations are thread-safe.
 */
public interface Emitter {

  /**
   * Sends {@code value} to {@code topic} under {@code key}, asynchronously.
   *
   * @param value an Avro SpecificRecord of the topic's value schema
   */
  <V> void send(Topic<String, V> topic, String key, V value);

  /**
   * Blocks until every send so far is acknowledged.
   *
   * @throws org.apache.kafka.common.KafkaException if any send since the last flush failed; the caller
   *     must then not commit the offsets of the inputs that produced them
   */
  void flush();
}
