package io.screenalytics.runtime.kafka;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.Topic;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link Emitter} over one idempotent {@link KafkaProducer} ({@code enable.idempotence=true},
 * {@code acks=all}), shared by all workers of a service. The value serializer class is the
 * {@code value.serializer} setting, so Confluent's own serializer can be swapped in.
 */
public final class KafkaEmitter implements Emitter, AutoCloseable {

  /** Producer request size limit, bytes: the largest topic {@code max.message.bytes} in the catalogue. */
  public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

  /**
   * Producer {@code linger.ms}, milliseconds: records sent within this long of one another travel in one produce
   * request (a {@code kafka.linger.ms} setting replaces it). 200 rather than 5: at 5 nearly every frame and face batch
   * was a produce request and a fetch of its own; on 1 minute of the composed episode ({@code bench/run episode},
   * docs/cost.md) 50 ms took produce requests from 2.6 to 1.9-2.2 per sampled frame and 200 ms to 1.1, the broker's
   * CPU per frame from 9.6 to 7.0 ms. A stage's outputs reach the next at most this much later (a flush, before
   * every offset commit, sends at once).
   */
  public static final int LINGER_MS = 200;

  private final KafkaProducer<String, Object> producer;
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  /**
   * @param clientId Kafka {@code client.id}, for example {@code decoder-1}
   */
  public KafkaEmitter(KafkaSettings kafka, String clientId) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.putAll(kafka.clientProperties());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, kafka.valueSerializer());
    this.producer = new KafkaProducer<>(p);
  }

  @Override
  public <V> void send(Topic<String, V> topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic.name(), key, value), (meta, e) -> {
      if (e != null) {
        firstFailure.compareAndSet(null, e);
      }
    });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception failure = firstFailure.getAndSet(null);
    if (failure != null) {
      throw new KafkaException("a send failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
