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

class EpisodeRunsTest {

  private static final long MINUTE = 60_000;

  private static EpisodeStatus event(String stage, EpisodeState state, long atMs, Map<String, Double> counters) {
    return EpisodeStatus.newBuilder().setEpisodeId("ep").setStage(stage).setState(state).setAtMs(atMs)
        .setCounters(counters).build();
  }

  private static EpisodeStatus started(long atMs, long requestedAtMs) {
    return event("decoder", EpisodeState.STARTED, atMs, Map.of(EpisodeRuns.REQUESTED_AT, (double) requestedAtMs));
  }

  @Test
  void shouldFindAnotherRequestsRunInFlightUntilTheEpisodeEnds() {
    // Given a run for the request of t=1000, at work
    EpisodeStatus run = started(2_000, 1_000);
    List<EpisodeStatus> events = new ArrayList<>(List.of(run,
        event("detect-track", EpisodeState.PROGRESS, 3_000, Map.of("frames", 20.0))));

    // Then a new request (t=4000) finds it, and the run's own request (redelivered after a crash) does not
    assertThat(EpisodeRuns.inFlight(events, 4_000, 5_000)).contains(run);
    assertThat(EpisodeRuns.inFlight(events, 1_000, 5_000)).isEmpty();
    assertThat(EpisodeRuns.refusedReason("ep", run)).startsWith("refused: episode ep is already in flight")
        .contains("push it again once it has ended");

    // And once the episode completed (voice events may follow: no run), or failed, nothing is in flight
    events.add(event("assembly", EpisodeState.COMPLETED, 6_000, Map.of()));
    events.add(event("voice", EpisodeState.PROGRESS, 7_000, Map.of()));
    assertThat(EpisodeRuns.inFlight(events, 8_000, 9_000)).isEmpty();
    assertThat(EpisodeRuns.inFlight(List.of(run, event("decoder", EpisodeState.FAILED, 3_000, Map.of())), 8_000,
        9_000)).isEmpty();

    // And a new run after the end is found again
    events.add(started(10_000, 8_000));
    assertThat(EpisodeRuns.inFlight(events, 11_000, 12_000)).contains(events.get(events.size() - 1));
  }

  @Test
  void shouldTakeARunSilentForTenMinutesForStopped() {
    EpisodeStatus run = started(0, 0);
    List<EpisodeStatus> events = List.of(run, event("embed", EpisodeState.PROGRESS, MINUTE, Map.of()));
    assertThat(EpisodeRuns.inFlight(events, 5, MINUTE + 9 * MINUTE)).contains(run);
    assertThat(EpisodeRuns.inFlight(events, 5, MINUTE + 10 * MINUTE)).isEmpty();
    assertThat(EpisodeRuns.inFlight(List.of(), 5, 0)).isEmpty();
  }

  @Test
  void shouldPublishTheRefusalAsProgressNotFailure() {
    List<EpisodeStatus> sent = new ArrayList<>();
    Emitter out = new Emitter() {
      @Override public <V> void send(Topic<String, V> topic, String key, V value) {
        sent.add((EpisodeStatus) value);
      }

      @Override public void flush() {}
    };
    EpisodeRuns.refuse(out, new StatusPublisher("decoder"), "ep", 4_000, "refused: because");
    assertThat(sent).singleElement().satisfies(s -> {
      assertThat(s.getState()).isEqualTo(EpisodeState.PROGRESS);
      assertThat(s.getReason()).isEqualTo("refused: because");
      assertThat(EpisodeRuns.refused(s)).contains(4_000L);
    });
    assertThat(EpisodeRuns.refused(started(0, 0))).isEmpty();
  }
}
