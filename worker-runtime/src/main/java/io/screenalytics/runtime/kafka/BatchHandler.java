package io.screenalytics.runtime.kafka;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * A service's logic over a batch of consumed records. The {@link WorkerLoop} owns polling, deserializing,
 * retries, dead-lettering and committing; the handler only turns inputs into outputs.
 *
 * <p>Contract: outputs go through the {@link Emitter}; offsets of a batch are committed only after
 * {@code handle} returns and the emitter's sends are acknowledged. When {@code handle} throws for a batch
 * of several records, the loop retries them one at a time, so a handler may be re-invoked with records
 * it has partly seen: outputs must be keyed so that replays overwrite. One instance is called from one
 * loop thread only.
 *
 * @param <V> the value type of the consumed topics
 */
public interface BatchHandler<V> {

  /**
   * Processes records in partition order.
   *
   * @throws Exception any failure; the loop retries with backoff and then dead-letters
   */
  void handle(List<Delivery<V>> batch, Emitter out) throws Exception;

  /**
   * The offset to commit for {@code partition} after a batch. By default every processed record
   * ({@code nextOffset}). A stateful handler returns an earlier offset, the first record of an episode it has
   * not finished, so that after a crash or a rebalance the partition's new owner replays that episode from its
   * start and rebuilds the state; outputs are keyed, so the replay overwrites rather than duplicates.
   *
   * @param nextOffset the offset after the last record of {@code partition} in this poll
   * @return an offset {@code <= nextOffset}
   */
  default long commitOffset(TopicPartition partition, long nextOffset) {
    return nextOffset;
  }

  /**
   * Called instead of {@link #handle} for a record the loop gave up after the process died while processing it
   * {@code max.record.attempts} times ({@link RecordAttempts}; only where the loop contains crashes per record), once
   * the record is on the dead-letter topic: publish what downstream needs to go on without it (its outputs, marked
   * as not computed). Must not process the record's content the way {@code handle} does. By default nothing.
   *
   * @param reason the dead-letter reason, {@code crashed: ...}
   * @throws Exception any failure: logged, the record stays dead-lettered only
   */
  default void onCrashed(Delivery<V> record, String reason, Emitter out) throws Exception {}

  /** Called when a poll returns nothing, for time-based flushing. */
  default void onIdle(Emitter out) throws Exception {}

  /** Called before partitions move away from this worker (outputs are flushed after it). */
  default void onPartitionsRevoked(Collection<TopicPartition> partitions, Emitter out) {}

  /** Called when partitions are assigned to this worker. */
  default void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
}
