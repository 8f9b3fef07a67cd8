package io.screenalytics.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpisodeAttemptsTest {

  private static EpisodeStatus event(String stage, EpisodeState state, Map<String, Double> counters) {
    return EpisodeStatus.newBuilder().setEpisodeId("ep").setStage(stage).setState(state).setAtMs(0)
        .setCounters(counters).build();
  }

  private static EpisodeStatus attempt(String stage, int n) {
    return event(stage, EpisodeState.PROGRESS, Map.of(EpisodeAttempts.ATTEMPT, (double) n));
  }

  @Test
  void shouldCountOnlyTheStagesAttemptsSinceItsLastTerminalEvent() {
    List<EpisodeStatus> events = List.of(
        attempt("decoder", 1),
        event("decoder", EpisodeState.STAGE_COMPLETED, Map.of()), // a finished run: its attempts no longer count
        attempt("decoder", 1),
        event("decoder", EpisodeState.PROGRESS, Map.of("frames", 10.0)), // plain progress is not an attempt
        attempt("detect-track", 1), // another stage's
        attempt("decoder", 2));

    assertThat(EpisodeAttempts.count(events, "decoder")).isEqualTo(2);
    assertThat(EpisodeAttempts.count(events, "detect-track")).isEqualTo(1);
    assertThat(EpisodeAttempts.count(events, "assembly")).isZero();
  }

  @Test
  void shouldNotCountAnAttemptGivenUpInGoodOrder() {
    // Given attempts 1 and 2 of detect-track, the first ended by a rebalance (released), the second killed
    EpisodeStatus released = event("detect-track", EpisodeState.PROGRESS, Map.of(EpisodeAttempts.RELEASED, 1.0));
    List<EpisodeStatus> events = List.of(attempt("detect-track", 1), released, attempt("detect-track", 1),
        attempt("detect-track", 2));

    // Then only the attempts that did not end in good order count, and a stray release counts none below zero
    assertThat(EpisodeAttempts.count(events, "detect-track")).isEqualTo(2);
    assertThat(EpisodeAttempts.count(List.of(released, attempt("detect-track", 1)), "detect-track")).isEqualTo(1);
  }

  @Test
  void shouldMarkUnderTheLimitAndFailAsCrashedAtIt() {
    List<Object> sent = new ArrayList<>();
    int[] flushes = {0};
    Emitter out = new Emitter() {
      @Override public <V> void send(Topic<String, V> topic, String key, V value) {
        sent.add(value);
      }

      @Override public void flush() {
        flushes[0]++;
      }
    };
    StatusPublisher status = new StatusPublisher("decoder");

    // Given two earlier attempts: a third starts, marked and flushed
    assertThat(EpisodeAttempts.begin((id, since) -> 2, 3, out, status, "ep", 0L)).isTrue();
    assertThat(((EpisodeStatus) sent.get(0)).getCounters()).containsEntry(EpisodeAttempts.ATTEMPT, 3.0);
    assertThat(flushes[0]).isEqualTo(1);

    // Given three: the episode fails as crashed, naming the stage
    assertThat(EpisodeAttempts.begin((id, since) -> 3, 3, out, status, "ep", 0L)).isFalse();
    EpisodeStatus failed = (EpisodeStatus) sent.get(1);
    assertThat(failed.getState()).isEqualTo(EpisodeState.FAILED);
    assertThat(failed.getReason()).startsWith("crashed:").contains("decoder").contains("3 times");

    // And attempts that cannot be counted do not stop the episode
    assertThat(EpisodeAttempts.begin((id, since) -> {
      throw new IllegalStateException("no broker");
    }, 3, out, status, "ep", 0L)).isTrue();
  }
}
