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
 */
public record LoopConfig(int maxPollRecords, Duration pollTimeout, int maxAttempts, Duration backoffInitial,
    Duration backoffMax, int maxRecordAttempts) {

  public static final String MAX_POLL_RECORDS = "loop.max.poll.records";
  public static final String POLL_TIMEOUT_MS = "loop.poll.timeout.ms";
  public static final String MAX_ATTEMPTS = "loop.max.attempts";
  public static final String BACKOFF_INITIAL_MS = "loop.retry.backoff.initial.ms";
  public static final String BACKOFF_MAX_MS = "loop.retry.backoff.max.ms";

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
          "Upper bound of the retry delay, milliseconds.");

  public LoopConfig {
    if (backoffInitial.compareTo(backoffMax) > 0) {
      throw new ConfigException(BACKOFF_INITIAL_MS + " must be <= " + BACKOFF_MAX_MS);
    }
    if (maxRecordAttempts < 0) {
      throw new ConfigException("max.record.attempts must be >= 0 (0 = off), was " + maxRecordAttempts);
    }
  }

  /** Settings without crash containment per record. */
  public LoopConfig(int maxPollRecords, Duration pollTimeout, int maxAttempts, Duration backoffInitial,
      Duration backoffMax) {
    this(maxPollRecords, pollTimeout, maxAttempts, backoffInitial, backoffMax, 0);
  }

  /** These settings with crash containment per record after {@code attempts} deliveries (0 = off). */
  public LoopConfig withMaxRecordAttempts(int attempts) {
    return new LoopConfig(maxPollRecords, pollTimeout, maxAttempts, backoffInitial, backoffMax, attempts);
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
        Duration.ofMillis((Long) v.get(BACKOFF_MAX_MS)));
  }

  /** Delay before retry number {@code attempt} (1-based), capped. */
  public Duration backoff(int attempt) {
    long ms = backoffInitial.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(ms, backoffMax.toMillis()));
  }
}
