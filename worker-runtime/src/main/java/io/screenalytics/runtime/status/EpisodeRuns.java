package io.screenalytics.runtime.status;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of an episode at a time. Every stage keys its work by episode id (detect-track's session, assembly's
 * accumulation, the episode's folder in the store), so a second request of an episode while a run of it is in
 * flight would feed a second run's records into the first's state under the same keys: the first run's outputs mixed
 * with the second's, and the second never completing. Such a request is refused: the decoder, which starts every
 * run, publishes a {@code PROGRESS} event of stage {@code decoder} with the reason {@code refused: ...} and the
 * counter {@value #REFUSED} (the refused request's {@code requested_at_ms}) instead of starting it, and assembly
 * leaves the request out of the run in flight; {@code screenalytics ingest} checks the same before pushing and says
 * so in one line. Pushed again once the run has ended, the episode starts afresh.
 *
 * <p>A run is the decoder's {@code STARTED} event, which carries the request's {@value #REQUESTED_AT} as a counter;
 * it is in flight until a {@code COMPLETED}, {@code COMPLETED_WITH_WARNINGS} or {@code FAILED} event of the episode
 * follows it, unless the episode has had no event for {@link #STALE_AFTER} (a run that stopped for good: its stage
 * down, the cluster restarted) or the request is that run's own (redelivered after a crash).
 */
public final class EpisodeRuns {

  /** Counter of the decoder's {@code STARTED} event: the {@code requested_at_ms} of the request the run is for. */
  public static final String REQUESTED_AT = "requested_at_ms";
  /** Counter of the refusal event: the refused request's {@code requested_at_ms}. */
  public static final String REFUSED = "refused_requested_at_ms";
  /** A run with no event for this long is taken for stopped: a request of its episode starts a new one. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(10);

  /** Finds the run of an episode in flight. */
  @FunctionalInterface
  public interface Checker {

    /** Finds none: for handlers run without a cluster (tests, benchmarks). */
    Checker NONE = (episodeId, requestedAtMs) -> Optional.empty();

    /**
     * @param requestedAtMs the new request's {@code requested_at_ms}
     * @return the {@code STARTED} event of another request's run of {@code episodeId} still in flight, or empty
     * @throws RuntimeException when the status topic cannot be read
     */
    Optional<EpisodeStatus> inFlight(String episodeId, long requestedAtMs);
  }

  private EpisodeRuns() {}

  /**
   * A checker reading the episode's events of the last {@link EpisodeStatusReader#MAX_LOOKBACK} on the status topic
   * of {@code kafka} (see {@link #inFlight(List, long, long)}).
   */
  public static Checker checker(KafkaSettings kafka, String clientId) {
    return (episodeId, requestedAtMs) -> {
      long now = System.currentTimeMillis();
      try (EpisodeStatusReader reader = EpisodeStatusReader.open(kafka, clientId, episodeId, 0, now)) {
        return inFlight(reader.readToOpenEnd(Duration.ofSeconds(60)), requestedAtMs, now);
      }
    };
  }

  /**
   * The run in flight among one episode's {@code events} (oldest first), if any and not the request's own.
   *
   * @param requestedAtMs the new request's {@code requested_at_ms}
   * @param nowMs         now, epoch milliseconds
   * @return the decoder's {@code STARTED} event of that run
   */
  public static Optional<EpisodeStatus> inFlight(List<EpisodeStatus> events, long requestedAtMs, long nowMs) {
    EpisodeStatus run = null;
    long latest = Long.MIN_VALUE;
    for (EpisodeStatus s : events) {
      latest = Math.max(latest, s.getAtMs());
      switch (s.getState()) {
        case COMPLETED, COMPLETED_WITH_WARNINGS, FAILED -> run = null;
        case STARTED -> {
          if ("decoder".equals(s.getStage())) run = s;
        }
        default -> { }
      }
    }
    if (run == null || nowMs - latest >= STALE_AFTER.toMillis()) {
      return Optional.empty();
    }
    Double runRequestedAt = run.getCounters().get(REQUESTED_AT);
    return runRequestedAt != null && runRequestedAt.longValue() == requestedAtMs ? Optional.empty() : Optional.of(run);
  }

  /** The reason a request of {@code episodeId} is refused while {@code run} is in flight. */
  public static String refusedReason(String episodeId, EpisodeStatus run) {
    Double requestedAt = run.getCounters().get(REQUESTED_AT);
    return "refused: episode " + episodeId + " is already in flight (started "
        + Instant.ofEpochMilli(run.getAtMs()) + (requestedAt == null ? ""
        : " for the request of " + Instant.ofEpochMilli(requestedAt.longValue())) + "); push it again once it has"
        + " ended";
  }

  /**
   * Publishes the refusal of the request made at {@code requestedAtMs}: a {@code PROGRESS} event with the reason and
   * the counter {@value #REFUSED} (not {@code FAILED}, which would end the run in flight).
   */
  public static void refuse(Emitter out, StatusPublisher status, String episodeId, long requestedAtMs,
      String reason) {
    status.publish(out, episodeId, EpisodeState.PROGRESS, reason, Map.of(REFUSED, (double) requestedAtMs), null);
  }

  /** The {@code requested_at_ms} of a refusal event, or empty when {@code s} is none. */
  public static Optional<Long> refused(EpisodeStatus s) {
    Double at = s.getCounters().get(REFUSED);
    return at == null ? Optional.empty() : Optional.of(at.longValue());
  }
}
