package io.screenalytics.runtime.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash containment per record: the per-record retries of {@link WorkerLoop} catch a handler's exceptions, not the
 * death of its process (a native crash on the input, SIGKILL, the OOM killer). Without this, a record that kills
 * the process is delivered again to the next owner of its partition, which dies too, until every instance of the
 * service is down.
 *
 * <p>Where the marks live: in the consumer group's own committed offsets. Before a batch is processed, the loop
 * commits, for each partition of the poll, the offset already committed (unchanged) with a {@link Mark} of the
 * positions it is about to process as the commit's metadata ({@code screenalytics.attempt:<from>-<to>:<n>}),
 * synchronously; the commit after the batch clears it. So the mark is durable before the work (Kafka's
 * {@code __consumer_offsets}, a compacted topic keyed by group, topic and partition: exactly one mark per partition
 * survives), is read by whichever member owns the partition next ({@code committed()} on assignment, no topic to
 * create or read to its end), and is fenced like the group's offsets: a member that lost the partition cannot
 * overwrite it.
 *
 * <p>The next owner finds a mark still ahead of the committed offset only when the process died between the mark
 * and the commit. It then processes the marked positions one at a time, each behind its own mark carrying the
 * attempt's number (the attempts of the mark that covered it, plus one) and committed on its own, so a second death
 * pins the record that causes it; innocent records of the crashed batch pass at their second attempt. A record whose
 * next attempt would exceed {@code maxAttempts} is not processed again: it is dead-lettered (stage
 * {@value #DEAD_LETTER_STAGE}, a {@link CrashedException} whose message starts {@code crashed:}), the handler is
 * told ({@link BatchHandler#onCrashed}), and the partition moves on. A graceful shutdown mid-batch leaves a mark too
 * and costs its batch one attempt (processed one record at a time once).
 *
 * <p>For handlers that commit every processed record (the default {@link BatchHandler#commitOffset}); a handler
 * whose committed offset lags (an episode's first record) contains crashes per episode instead
 * ({@code EpisodeAttempts}). One instance per loop; not thread-safe.
 */
public final class RecordAttempts {

  /** Default deliveries of a record during which the process died, before it is dead-lettered. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Dead-letter stage header of a record given up after crashes. */
  public static final String DEAD_LETTER_STAGE = "crash";
  /** Prefix of the committed offset metadata that holds a mark. */
  static final String PREFIX = "screenalytics.attempt:";

  private static final Logger LOG = LoggerFactory.getLogger(RecordAttempts.class);

  /**
   * Positions {@code from..to} (inclusive) of one partition, being processed for the {@code attempts}-th time.
   *
   * @throws IllegalArgumentException when {@code from > to}, an offset is negative or {@code attempts < 1}
   */
  public record Mark(long from, long to, int attempts) {

    public Mark {
      if (from < 0 || to < from || attempts < 1) {
        throw new IllegalArgumentException("invalid mark " + from + "-" + to + " attempt " + attempts);
      }
    }

    /** Whether {@code offset} is one of the marked positions. */
    public boolean covers(long offset) {
      return offset >= from && offset <= to;
    }

    /** The commit metadata that carries this mark. */
    public String encode() {
      return PREFIX + from + "-" + to + ":" + attempts;
    }

    /** The mark in a commit's metadata; empty for none (null, empty or another text; malformed, logged). */
    public static Optional<Mark> decode(String metadata) {
      if (metadata == null || !metadata.startsWith(PREFIX)) {
        return Optional.empty();
      }
      try {
        String body = metadata.substring(PREFIX.length());
        int dash = body.indexOf('-');
        int colon = body.indexOf(':');
        return Optional.of(new Mark(Long.parseLong(body.substring(0, dash)),
            Long.parseLong(body.substring(dash + 1, colon)), Integer.parseInt(body.substring(colon + 1))));
      } catch (RuntimeException e) {
        LOG.warn("ignoring a malformed attempt mark '{}': {}", metadata, e.toString());
        return Optional.empty();
      }
    }
  }

  /** The error a record given up after crashes is dead-lettered with; its message starts {@code crashed:}. */
  public static final class CrashedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrashedException(String message) {
      super(message);
    }
  }

  private final int maxAttempts;
  /** Marks a dead process left ahead of the committed offset, until the loop has passed them. */
  private final Map<TopicPartition, Mark> crashed = new HashMap<>();
  /** The committed offset of each assigned partition, as far as known. */
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /**
   * @param maxAttempts deliveries of a record during which the process died before it is given up, at least 1
   * @throws IllegalArgumentException for fewer than 1
   */
  public RecordAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
  }

  /** The attempts after which a record is given up. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Takes the committed offsets of partitions just assigned (null values: nothing committed yet), and the marks in
   * their metadata that are still ahead of them: positions a process died processing.
   */
  public void assigned(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, o) -> {
      if (o == null) {
        return;
      }
      committed.put(tp, o.offset());
      Mark.decode(o.metadata()).filter(m -> m.to() >= o.offset()).ifPresent(m -> {
        crashed.put(tp, m);
        LOG.warn("{}: the process processing offsets {}-{} (attempt {}) died; processing them one at a time", tp,
            m.from(), m.to(), m.attempts());
      });
    });
  }

  /** Forgets partitions that moved away. */
  public void revoked(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> {
      crashed.remove(tp);
      committed.remove(tp);
    });
  }

  /** Notes offsets just committed; a crash mark the loop has passed is dropped. */
  public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, o) -> {
      committed.put(tp, o.offset());
      Mark m = crashed.get(tp);
      if (m != null && o.offset() > m.to()) {
        crashed.remove(tp);
      }
    });
  }

  /** Whether any of {@code records} is at a position a process died processing: then they go one at a time. */
  public boolean anyCrashed(Iterable<? extends ConsumerRecord<?, ?>> records) {
    for (ConsumerRecord<?, ?> r : records) {
      Mark m = crashed.get(new TopicPartition(r.topic(), r.partition()));
      if (m != null && m.covers(r.offset())) {
        return true;
      }
    }
    return false;
  }

  /** The number of the next attempt at {@code offset}: 1, or one more than the crash mark covering it. */
  public int nextAttempt(TopicPartition tp, long offset) {
    Mark m = crashed.get(tp);
    return m != null && m.covers(offset) ? m.attempts() + 1 : 1;
  }

  /** Whether attempt number {@code attempt} is past the limit: the record is given up instead. */
  public boolean exhausted(int attempt) {
    return attempt > maxAttempts;
  }

  /**
   * The commit that marks a batch before it is processed: for each partition of {@code records}, its committed
   * offset (unchanged; the first record's when none is known) with a mark of attempt 1 from its first to its last
   * record.
   */
  public Map<TopicPartition, OffsetAndMetadata> batchMarks(Iterable<? extends ConsumerRecord<?, ?>> records) {
    Map<TopicPartition, long[]> spans = new HashMap<>();
    for (ConsumerRecord<?, ?> r : records) {
      long[] span = spans.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
          k -> new long[] {r.offset(), r.offset()});
      span[0] = Math.min(span[0], r.offset());
      span[1] = Math.max(span[1], r.offset());
    }
    Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
    spans.forEach((tp, span) -> marks.put(tp, mark(tp, new Mark(span[0], span[1], 1))));
    return marks;
  }

  /** The commit that marks attempt {@code attempt} at the single position {@code offset}. */
  public Map<TopicPartition, OffsetAndMetadata> singleMark(TopicPartition tp, long offset, int attempt) {
    return Map.of(tp, mark(tp, new Mark(offset, offset, attempt)));
  }

  private OffsetAndMetadata mark(TopicPartition tp, Mark m) {
    return new OffsetAndMetadata(Math.min(committed.getOrDefault(tp, m.from()), m.from()), m.encode());
  }

  /** The dead-letter reason of the record at {@code tp@offset} given up after {@code attempts} crashes. */
  public static String crashedReason(String worker, TopicPartition tp, long offset, int attempts) {
    return "crashed: the process stopped " + attempts + " times while processing " + tp + "@" + offset
        + " (a native crash, a kill or running out of memory); " + worker + " gave the record up";
  }
}
