package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressViewTest {

  private static EpisodeStatus event(String stage, EpisodeState state, Map<String, Double> counters) {
    return EpisodeStatus.newBuilder().setEpisodeId("ep").setStage(stage).setState(state).setAtMs(0)
        .setCounters(Map.copyOf(counters)).build();
  }

  @Test
  void shouldPrintOneLinePerStageStateChangeAndNoBarWhenNotOnATerminal() {
    // Given a view writing to a log, as when the command's output is redirected
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (ProgressView view = new ProgressView("ep", false, new PrintStream(log, true, StandardCharsets.UTF_8))) {
      // When a stage starts, reports progress many times, and completes
      view.update(event("decoder", EpisodeState.STARTED, Map.of()));
      view.update(event("decoder", EpisodeState.STARTED, Map.of()));
      for (int i = 1; i <= 50; i++) {
        view.update(event("detect-track", EpisodeState.PROGRESS, Map.of("frames", (double) i, "faces", 2.0 * i)));
      }
      view.update(event("decoder", EpisodeState.STAGE_COMPLETED, Map.of("frames_expected", 50.0)));
      view.update(event("detect-track", EpisodeState.STAGE_COMPLETED, Map.of("frames", 50.0, "faces", 100.0)));
    }
    // Then one plain line per change, no carriage return, nothing for progress events
    String out = log.toString(StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("\r").doesNotContain("[");
    assertThat(out.lines()).containsExactly("ep decoder started", "ep decoder stage_completed",
        "ep detect-track stage_completed faces=100");
  }
}
