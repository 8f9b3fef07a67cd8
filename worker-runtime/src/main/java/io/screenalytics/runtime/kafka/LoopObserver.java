package io.screenalytics.runtime.kafka;

import io.screenalytics.schemas.Topic;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * What a {@link WorkerLoop} tells its service as it runs: where the CPU governor may pause it and what the
 * metrics count. Every method is called on the loop's own thread (or, for {@link #sent} and {@link #pausePoint},
 * the thread that emitted), and the defaults do nothing.
 */
public interface LoopObserver {

  /** Observes nothing. */
  LoopObserver NONE = new LoopObserver() {};

  /**
   * A place where the loop may be paused (the governor's checkpoint): before each poll, and after each record the
   * handler emits (a long handler, the decoder's, emits as it goes); never inside a rebalance callback.
   */
  default void pausePoint() {}

  /**
   * After each poll.
   *
   * @param records what the poll returned, possibly nothing
   * @param lag     records between the loop's position and the end of its assigned partitions, summed over the
   *                partitions whose lag is known
   */
  default void polled(ConsumerRecords<byte[], byte[]> records, long lag) {}

  /** After the handler finished {@code batch} without throwing, in {@code nanos}. */
  default void handled(List<? extends Delivery<?>> batch, long nanos) {}

  /** After the handler emitted one record. */
  default void sent(Topic<?, ?> topic, Object value) {}

  /** After a record went to the dead-letter topic from {@code topic} at {@code stage} (deserialize or handle). */
  default void deadLettered(String topic, String stage) {}
}
