package io.screenalytics.runtime.kafka;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records a stage could not deserialize or process to {@link Topics#DEAD_LETTER} with the original
 * key and value bytes and context headers, as Kafka Connect's dead-letter reporter does
 * ({@code DeadLetterQueueReporter}): source topic, partition, offset, stage, exception class and message.
 */
public final class DeadLetterPublisher implements AutoCloseable {

  /** Header names, all prefixed {@code screenalytics.errors.}. */
  public static final String H_TOPIC = "screenalytics.errors.topic";
  public static final String H_PARTITION = "screenalytics.errors.partition";
  public static final String H_OFFSET = "screenalytics.errors.offset";
  public static final String H_SERVICE = "screenalytics.errors.service";
  public static final String H_STAGE = "screenalytics.errors.stage";
  public static final String H_EXCEPTION_CLASS = "screenalytics.errors.exception.class.name";
  public static final String H_EXCEPTION_MESSAGE = "screenalytics.errors.exception.message";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String service;

  public DeadLetterPublisher(KafkaSettings kafka, String service) {
    Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, KafkaEmitter.MAX_REQUEST_BYTES);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-deadletter");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
    this.service = service;
  }

  /**
   * Dead-letters {@code source} synchronously (the caller commits its offset right after).
   *
   * @param stage where it failed: {@code deserialize} or {@code handle}
   * @throws org.apache.kafka.common.KafkaException if the dead-letter topic cannot be written
   */
  public void publish(ConsumerRecord<byte[], byte[]> source, String stage, Throwable error) {
    LOG.warn("dead-lettering {}-{}@{} at {}: {}", source.topic(), source.partition(), source.offset(),
        stage, error.toString());
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(Topics.DEAD_LETTER.name(), null, source.key(), source.value());
    Headers h = out.headers();
    source.headers().forEach(h::add);
    put(h, H_TOPIC, source.topic());
    put(h, H_PARTITION, Integer.toString(source.partition()));
    put(h, H_OFFSET, Long.toString(source.offset()));
    put(h, H_SERVICE, service);
    put(h, H_STAGE, stage);
    put(h, H_EXCEPTION_CLASS, error.getClass().getName());
    put(h, H_EXCEPTION_MESSAGE, String.valueOf(error.getMessage()));
    try {
      producer.send(out).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.apache.kafka.common.errors.InterruptException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new org.apache.kafka.common.KafkaException("cannot write the dead-letter topic", e.getCause());
    }
  }

  private static void put(Headers h, String name, String value) {
    h.remove(name);
    h.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close();
  }
}
