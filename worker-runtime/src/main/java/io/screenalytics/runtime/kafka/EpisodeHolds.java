package io.screenalytics.runtime.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The {@link EpisodeOffsets} of every input partition of a handler that joins an episode's records from several
 * topics (assembly, the active speaker stage): each record consumed is held against its episode until the episode is
 * {@linkplain #release released}, so {@link #commitOffset} never passes the first record of an unfinished episode and
 * a new owner of the partitions replays it. Records built in memory (no source position: tests, rescore) are never
 * held. Not thread-safe; one per handler, used from its loop thread.
 */
public final class EpisodeHolds {

  private final Map<TopicPartition, EpisodeOffsets> held = new HashMap<>();

  /** Creates an empty set of holds. */
  public EpisodeHolds() {}

  /**
   * Notes a consumed record's position, against {@code episodeId} when it is not null.
   *
   * @param episodeId the episode to hold the partition's commit for, or null for a record accumulated nowhere
   * @return false when the record was processed here before (a redelivery: already accumulated)
   */
  public boolean hold(Delivery<?> d, String episodeId) {
    if (d.source() == null) return true;
    TopicPartition tp = new TopicPartition(d.source().topic(), d.source().partition());
    EpisodeOffsets offsets = held.computeIfAbsent(tp, k -> new EpisodeOffsets());
    if (offsets.processed(d.source().offset())) return false;
    if (episodeId != null) offsets.record(episodeId, d.source().offset());
    return true;
  }

  /** The episode is finished: its records no longer hold any partition's commit. */
  public void release(String episodeId) {
    held.values().forEach(o -> o.finish(episodeId));
  }

  /** The offset to commit for {@code partition} ({@link BatchHandler#commitOffset}). */
  public long commitOffset(TopicPartition partition, long nextOffset) {
    EpisodeOffsets offsets = held.get(partition);
    return offsets == null ? nextOffset : offsets.commitOffset(nextOffset);
  }

  /** Forgets every hold (the partitions were revoked: their new owner replays). */
  public void clear() {
    held.clear();
  }
}
