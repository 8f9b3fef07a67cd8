package io.screenalytics.runtime.kafka;

import io.screenalytics.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Consumer loop settings of one service.
 *
 * @param maxPollRecords  records per poll, the largest batch a handler sees
 * @param pollTimeout     how long a poll waits for records
 * @param maxAttempts     attempts per record before it is dead-lettered (1 = no retry)
 * @param backoffInitial  delay before the first retry; doubles per attempt
 * @param backoffMax      upper bound of the retry delay
 * @param maxRecordAttempts crash containment per record ({@link RecordAttempts}): 0 = off (the default: stages that
 *                        contain crashes per episode); else the deliveries of a record during which the process died
 *                        before it is dead-lettered with {@code crashed:} (a service's {@code max.record.attempts})
 * @param commitInterval  the least time between two offset commits of a loop without crash containment: the outputs
 *                        are flushed and the positions of the polls since the last commit committed at the first
 *                        poll (empty or not) once this much time has passed since the last commit or assignment, when
 *                        partitions are revoked and when the loop stops; {@link Duration#ZERO} = after every poll. A process that dies between two commits
 *                        has its last interval's records delivered again (outputs are keyed: replays overwrite).
 *                        Loops with crash containment commit after every poll whatever this says.
 */
public record LoopConfig(int maxPollRecords, Duration pollTimeout, int maxAttempts, Duration backoffInitial,
    Duration backoffMax, int maxRecordAttempts, Duration commitInterval) {

  public static final String MAX_POLL_RECORDS = "loop.max.poll.records";
  public static final String POLL_TIMEOUT_MS = "loop.poll.timeout.ms";
  public static final String MAX_ATTEMPTS = "loop.max.attempts";
  public static final String BACKOFF_INITIAL_MS = "loop.retry.backoff.initial.ms";
  public static final String BACKOFF_MAX_MS = "loop.retry.backoff.max.ms";
  public static final String COMMIT_INTERVAL_MS = "loop.commit.interval.ms";

  /**
   * Default of {@value #COMMIT_INTERVAL_MS}, milliseconds: one commit (and one producer flush) a second instead of
   * one per poll. A stage keeping up with its input polls one record at a time, so a commit per poll was a commit
   * per frame for detect-track (issue 26: offset commits and the request handling of small produce requests were
   * the in-process broker's largest costs per sampled frame; figures in docs/cost.md).
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 1_000L;

  /** Declarations; every service prefixes nothing, the names are shared. */
  public static final ConfigDef DEF = new ConfigDef()
      .define(MAX_POLL_RECORDS, Type.INT, 16, Range.atLeast(1), Importance.MEDIUM,
          "Records per poll: the largest batch a handler sees.")
      .define(POLL_TIMEOUT_MS, Type.LONG, 200L, Range.atLeast(1), Importance.LOW,
          "How long one poll waits for records, milliseconds.")
      .define(MAX_ATTEMPTS, Type.INT, 3, Range.between(1, 20), Importance.MEDIUM,
          "Attempts to process a record before it goes to the dead-letter topic.")
      .define(BACKOFF_INITIAL_MS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW,
          "Delay before the first retry, milliseconds; doubles per attempt.")
      .define(BACKOFF_MAX_MS, Type.LONG, 5_000L, Range.atLeast(0), Importance.LOW,
          "Upper bound of the retry delay, milliseconds.")
      .define(COMMIT_INTERVAL_MS, Type.LONG, DEFAULT_COMMIT_INTERVAL_MS, Range.between(0L, 60_000L), Importance.LOW,
          "Least time between two offset commits (each after a producer flush), milliseconds; checked after every"
              + " poll, also committed on revocation and on stop; 0 = after every poll. Loops with crash containment"
              + " commit after every poll.");

  public LoopConfig {
    if (backoffInitial.compareTo(backoffMax) > 0) {
      throw new ConfigException(BACKOFF_INITIAL_MS + " must be <= " + BACKOFF_MAX_MS);
    }
    if (maxRecordAttempts < 0) {
      throw new ConfigException("max.record.attempts must be >= 0 (0 = off), was " + maxRecordAttempts);
    }
    if (commitInterval.isNegative()) {
      throw new ConfigException(COMMIT_INTERVAL_MS + " must be >= 0, was " + commitInterval.toMillis());
    }
  }

  /** Settings without crash containment per record, committing after every poll. */
  public LoopConfig(int maxPollRecords, Duration pollTimeout, int maxAttempts, Duration backoffInitial,
      Duration backoffMax) {
    this(maxPollRecords, pollTimeout, maxAttempts, backoffInitial, backoffMax, 0, Duration.ZERO);
  }

  /** These settings with crash containment per record after {@code attempts} deliveries (0 = off). */
  public LoopConfig withMaxRecordAttempts(int attempts) {
    return new LoopConfig(maxPollRecords, pollTimeout, maxAttempts, backoffInitial, backoffMax, attempts,
        commitInterval);
  }

  /** These settings committing at most once per {@code interval} ({@link Duration#ZERO}: after every poll). */
  public LoopConfig withCommitInterval(Duration interval) {
    return new LoopConfig(maxPollRecords, pollTimeout, maxAttempts, backoffInitial, backoffMax, maxRecordAttempts,
        interval);
  }

  /** Parses and validates these settings; {@code maxPollRecords} may be given a service default. */
  public static LoopConfig from(Settings settings, int defaultMaxPollRecords) {
    Settings s = settings.asMap().containsKey(MAX_POLL_RECORDS)
        ? settings : settings.with(Map.of(MAX_POLL_RECORDS, Integer.toString(defaultMaxPollRecords)));
    Map<String, Object> v = s.parse(DEF);
    return new LoopConfig(
        (Integer) v.get(MAX_POLL_RECORDS),
        Duration.ofMillis((Long) v.get(POLL_TIMEOUT_MS)),
        (Integer) v.get(MAX_ATTEMPTS),
        Duration.ofMillis((Long) v.get(BACKOFF_INITIAL_MS)),
        Duration.ofMillis((Long) v.get(BACKOFF_MAX_MS)),
        0,
        Duration.ofMillis((Long) v.get(COMMIT_INTERVAL_MS)));
  }

  /** Delay before retry number {@code attempt} (1-based), capped. */
  public Duration backoff(int attempt) {
    long ms = backoffInitial.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(ms, backoffMax.toMillis()));
  }
}
