package io.screenalytics.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The positions a {@link WorkerLoop} has handled but not yet committed, committed once per
 * {@link LoopConfig#commitInterval()} (a zero interval: after every poll), and the partitions' share of them when
 * they are revoked or lost. Fewer commits are fewer broker requests: 1 s measured -0.6 ms per sampled frame
 * (docs/cost.md, run G). The caller flushes the outputs of the handled records before any commit. Used on the
 * loop's thread only (rebalance callbacks run on it).
 */
final class IntervalCommits {

  private final Duration interval;
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
  private long lastCommitNanos = System.nanoTime();

  /** @param interval the least time between two commits; zero commits at every check */
  IntervalCommits(Duration interval) {
    this.interval = interval;
  }

  /** Adds the next positions of a handled poll. */
  void add(Map<TopicPartition, OffsetAndMetadata> positions) {
    pending.putAll(positions);
  }

  /** Whether the interval has passed since the last commit (or the last assignment). */
  boolean due() {
    return System.nanoTime() - lastCommitNanos >= interval.toNanos();
  }

  /** Positions waiting for a commit. */
  int size() {
    return pending.size();
  }

  /**
   * Commits the positions handled since the last commit and starts a new interval.
   *
   * @throws RuntimeException the consumer's, when the commit fails (the positions stay pending)
   */
  void commit(KafkaConsumer<byte[], byte[]> consumer) {
    if (!pending.isEmpty()) {
      consumer.commitSync(pending);
      pending.clear();
    }
    lastCommitNanos = System.nanoTime();
  }

  /** Takes the pending positions of {@code partitions} out, to be committed by the caller before another owner reads. */
  Map<TopicPartition, OffsetAndMetadata> takeRevoked(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata o = pending.remove(tp);
      if (o != null) {
        revoked.put(tp, o);
      }
    }
    return revoked;
  }

  /** Forgets the positions of partitions no longer ours (lost: committing would fail; the new owner redelivers). */
  void drop(Collection<TopicPartition> partitions) {
    partitions.forEach(pending::remove);
  }

  /** A new owner's first interval starts now. */
  void restart() {
    lastCommitNanos = System.nanoTime();
  }
}
