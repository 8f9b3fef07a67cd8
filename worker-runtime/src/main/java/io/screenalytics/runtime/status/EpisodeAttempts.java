package io.screenalytics.runtime.status;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash containment: how many times a stage has started an episode without finishing it. A stage marks each start
 * with a {@code PROGRESS} status event carrying the counter {@value #ATTEMPT} (the attempt's number), flushed
 * before the work begins, so that a process killed right after it (a native crash, SIGKILL, the OOM killer) still
 * leaves the attempt on record. The next owner of the episode's input counts the marks since the stage's last
 * terminal event ({@code STAGE_COMPLETED}, {@code COMPLETED}, {@code COMPLETED_WITH_WARNINGS}, {@code FAILED}), less
 * those given up in good order ({@value #RELEASED}, a rebalance or a graceful shutdown); at
 * the limit it fails the episode with a {@code crashed:} reason instead of starting it again, so one episode that
 * kills its worker cannot crash-loop the group and stall every episode queued behind it.
 */
public final class EpisodeAttempts {

  /** Counter of the {@code PROGRESS} event that marks the start of an attempt: the attempt's number, from 1. */
  public static final String ATTEMPT = "attempt";
  /**
   * Counter of the {@code PROGRESS} event a stage publishes when it gives an episode up in good order (its
   * partition revoked in a rebalance or a graceful shutdown): the attempt before it does not count.
   */
  public static final String RELEASED = "attempt_released";
  /** Default attempts of one stage on one episode before the episode fails ({@code crashed:}). */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(EpisodeAttempts.class);

  /** Counts a stage's unfinished attempts on an episode. */
  @FunctionalInterface
  public interface Counter {

    /** Counts none: for handlers run without a cluster (tests, benchmarks). */
    Counter NONE = (episodeId, sinceMs) -> 0;

    /**
     * @param episodeId the episode about to be started
     * @param sinceMs   epoch milliseconds before the episode's first attempt (its request or first record time)
     * @return attempts marked since the stage last finished or failed the episode
     * @throws RuntimeException when the status topic cannot be read
     */
    int previous(String episodeId, long sinceMs);
  }

  private EpisodeAttempts() {}

  /** A counter reading the status topic of {@code kafka} (see {@link #previous}). */
  public static Counter counter(KafkaSettings kafka, String clientId, String stage) {
    return (episodeId, sinceMs) -> previous(kafka, clientId, stage, episodeId, sinceMs);
  }

  /**
   * Starts an attempt on an episode, or refuses it: counts the stage's unfinished attempts and, under
   * {@code maxAttempts}, marks the next one (flushed); at the limit, publishes the episode's {@code FAILED} event
   * with the {@code crashed:} reason instead. When the attempts cannot be counted, the episode starts (logged).
   *
   * @return true when the episode may be processed, false when it was failed
   * @throws org.apache.kafka.common.KafkaException when the mark or the failure cannot be written
   */
  public static boolean begin(Counter counter, int maxAttempts, Emitter out, StatusPublisher status,
      String episodeId, long sinceMs) {
    if (beginBeside(counter, maxAttempts, out, status, episodeId, sinceMs)) {
      return true;
    }
    String reason = crashedReason(status.stage(), maxAttempts);
    LOG.error("episode {}: {}", episodeId, reason);
    status.failed(out, episodeId, reason);
    return false;
  }

  /**
   * Starts an attempt on an episode for a stage that runs beside the faces and must never fail the episode (the
   * voice and active speaker stages: assembly drops an episode on any stage's {@code FAILED}): as {@link #begin},
   * but at the limit nothing is published; the stage publishes its own failed result ({@code crashed:}) instead.
   *
   * @return true when the episode may be processed (the attempt is marked), false at the limit
   * @throws org.apache.kafka.common.KafkaException when the mark cannot be written
   */
  public static boolean beginBeside(Counter counter, int maxAttempts, Emitter out, StatusPublisher status,
      String episodeId, long sinceMs) {
    int previous;
    try {
      previous = counter.previous(episodeId, sinceMs);
    } catch (RuntimeException e) {
      LOG.warn("episode {}: cannot count earlier attempts of the {} ({}); starting it", episodeId, status.stage(),
          e.toString());
      previous = 0;
    }
    if (previous >= maxAttempts) {
      return false;
    }
    mark(out, status, episodeId, previous + 1);
    return true;
  }

  /**
   * Attempts of {@code stage} among {@code events} (one episode's, oldest first) since the stage's last terminal
   * event.
   */
  public static int count(List<EpisodeStatus> events, String stage) {
    int attempts = 0;
    for (EpisodeStatus s : events) {
      if (!stage.equals(s.getStage())) continue;
      switch (s.getState()) {
        case STAGE_COMPLETED, COMPLETED, COMPLETED_WITH_WARNINGS, FAILED -> attempts = 0;
        default -> {
          if (s.getCounters().containsKey(ATTEMPT)) attempts++;
          if (s.getCounters().containsKey(RELEASED)) attempts = Math.max(0, attempts - 1);
        }
      }
    }
    return attempts;
  }

  /**
   * Reads {@code episodeId}'s status events from {@code sinceMs} (see {@link EpisodeStatusReader}) and counts the
   * unfinished attempts of {@code stage}.
   *
   * @throws org.apache.kafka.common.KafkaException when the status topic cannot be read
   */
  private static int previous(KafkaSettings kafka, String clientId, String stage, String episodeId, long sinceMs) {
    try (EpisodeStatusReader reader = EpisodeStatusReader.open(kafka, clientId, episodeId, sinceMs,
        System.currentTimeMillis())) {
      return count(reader.readToOpenEnd(Duration.ofSeconds(60)), stage);
    }
  }

  /**
   * Marks the start of attempt {@code attempt} and waits until the mark is acknowledged.
   *
   * @throws org.apache.kafka.common.KafkaException when it cannot be written
   */
  private static void mark(Emitter out, StatusPublisher status, String episodeId, int attempt) {
    status.publish(out, episodeId, EpisodeState.PROGRESS, null, Map.of(ATTEMPT, (double) attempt), null);
    out.flush();
  }

  /**
   * Records that the stage gave an episode up in good order, so that its last attempt does not count as a crash
   * (sent, not flushed: the consumer loop flushes after a rebalance callback). Best effort: a failure to send is
   * logged, and the attempt then counts.
   */
  public static void release(Emitter out, StatusPublisher status, String episodeId) {
    try {
      status.publish(out, episodeId, EpisodeState.PROGRESS, null, Map.of(RELEASED, 1.0), null);
    } catch (RuntimeException e) {
      LOG.warn("episode {}: cannot release the {}'s attempt ({}); it counts as a crash", episodeId, status.stage(),
          e.toString());
    }
  }

  /** The reason of an episode failed after {@code attempts} unfinished attempts of {@code stage}. */
  private static String crashedReason(String stage, int attempts) {
    return "crashed: the " + stage + " stopped " + attempts + " times while processing this episode (a process"
        + " crash, a kill or running out of memory) and it was not started again";
  }
}
