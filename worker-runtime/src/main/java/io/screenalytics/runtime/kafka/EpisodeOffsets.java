package io.screenalytics.runtime.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which offset of one frames partition may be committed while episodes are in progress, so that a new owner of
 * the partition (after a rebalance or a crash) replays every unfinished episode from its first record and
 * rebuilds the handler's state exactly (the detect-track tracker, the assembly accumulators).
 *
 * <p>The rule: the committed offset C must not cut an episode, that is no episode may have its first frame
 * before C and another frame at or after C. Otherwise the new owner would see that episode start mid-way and
 * would publish different track ids over the right ones. So C is the first offset of the oldest open episode,
 * moved further back while it falls inside the offset span of an episode that already finished (episodes of
 * a partition can interleave); without open episodes C is the offset after the last record. Finished episodes
 * that lie wholly before C are forgotten. Replays overwrite: every output is keyed by face id, track id or
 * {@code episode:frame_idx}.
 *
 * <p>It also remembers the last offset processed, so that records redelivered to the same handler (the
 * consumer loop retries a failed batch one record at a time) are recognised and skipped.
 *
 * <p>Not thread-safe; one per partition, used from the partition's loop thread.
 */
public final class EpisodeOffsets {

  private final Map<String, Span> open = new HashMap<>();
  private final List<Span> finished = new ArrayList<>();
  private long lastProcessed = -1;

  /** Whether {@code offset} was processed already by this instance (a redelivery). */
  public boolean processed(long offset) {
    return offset <= lastProcessed;
  }

  /**
   * Records that the frame at {@code offset} of {@code episodeId} was processed; offsets must increase.
   *
   * @throws IllegalArgumentException when {@code offset} is not after the last processed one
   */
  public void record(String episodeId, long offset) {
    if (offset <= lastProcessed) {
      throw new IllegalArgumentException("offset " + offset + " is not after " + lastProcessed);
    }
    lastProcessed = offset;
    Span span = open.computeIfAbsent(episodeId, id -> new Span(offset));
    span.last = offset;
  }

  /** Records that {@code episodeId} finished (its last frame was processed). Unknown episodes are ignored. */
  public void finish(String episodeId) {
    Span span = open.remove(episodeId);
    if (span != null) {
      finished.add(span);
    }
  }

  /** Creates an empty tracker of one partition's episodes. */
  public EpisodeOffsets() {}

  /** Number of episodes started and not finished. */
  public int openEpisodes() {
    return open.size();
  }

  /**
   * The offset to commit after a poll whose last record of this partition was {@code nextOffset - 1}.
   *
   * @return {@code <= nextOffset}: the first offset of the oldest episode a replay must start from
   */
  public long commitOffset(long nextOffset) {
    long c = nextOffset;
    for (Span s : open.values()) {
      c = Math.min(c, s.first);
    }
    boolean moved = true;
    while (moved) {
      moved = false;
      for (Span s : finished) {
        if (s.first < c && s.last >= c) {
          c = s.first;
          moved = true;
        }
      }
    }
    for (Iterator<Span> it = finished.iterator(); it.hasNext(); ) {
      if (it.next().last < c) {
        it.remove();
      }
    }
    return c;
  }

  private static final class Span {
    final long first;
    long last;

    Span(long first) {
      this.first = first;
      this.last = first;
    }
  }
}
