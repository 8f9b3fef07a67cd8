package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeasonWatchTest {

  private static EpisodeStatus event(String stage, EpisodeState state, long atMs, Map<String, Double> counters,
      String reason) {
    return EpisodeStatus.newBuilder().setEpisodeId("ep").setStage(stage).setState(state).setAtMs(atMs)
        .setCounters(Map.copyOf(counters)).setReason(reason)
        .setOutputUri(state == EpisodeState.COMPLETED ? "file:///store/episodes/ep/" : null).build();
  }

  @Test
  void shouldSayWhereAnEpisodeStandsInOneLine() {
    EpisodeProgress p = new EpisodeProgress("ep");
    p.update(event("decoder", EpisodeState.STARTED, 0, Map.of("frames_expected", 50.0, "duration_s", 10.0), null));
    p.update(event("detect-track", EpisodeState.PROGRESS, 2000, Map.of("frames", 20.0, "faces", 31.0), null));
    assertThat(p.line()).isEqualTo(
        "ep RUNNING: detect-track progress, 20/50 sampled frames tracked (40 %), 31 faces; last event 1970-01-01T00:00:02Z");
    p.update(event("assembly", EpisodeState.COMPLETED, 5000,
        Map.of("frames", 50.0, "faces", 90.0, "tracks", 11.0, "identities", 7.0), null));
    assertThat(p.line()).isEqualTo("ep COMPLETED at 1970-01-01T00:00:05Z: 50 sampled frames, 90 faces, 11 tracks, "
        + "7 identities; results file:///store/episodes/ep/");
    // pushed again: it starts over, and its failure is said with the stage and reason
    p.update(event("decoder", EpisodeState.STARTED, 9000, Map.of(), null));
    assertThat(p.end()).isEmpty();
    p.update(event("decoder", EpisodeState.FAILED, 9500, Map.of(), "not_a_video: no video stream"));
    assertThat(p.line()).isEqualTo("ep FAILED in decoder at 1970-01-01T00:00:09.500Z: not_a_video: no video stream");
  }

  @Test
  void shouldTabulateTheSeasonWithReasonsLast() {
    String table = SeasonWatch.summary(List.of(
        new SeasonWatch.Outcome("s01e01", SeasonWatch.Status.COMPLETED, null, 9.17, 90, 11, 7, 4.06, "file:///x/"),
        SeasonWatch.refused("s01e02", "video s01e02.mp4 is empty (0 bytes)"),
        new SeasonWatch.Outcome("s01e03", SeasonWatch.Status.FAILED, "decoder: not_a_video: x", Double.NaN, -1, -1,
            -1, 0.31, null)));
    assertThat(table).isEqualTo(""
        + "episode  status     duration  faces  tracks  identities   wall  reason\n"
        + "s01e01   COMPLETED     9.2 s     90      11           7  4.1 s\n"
        + "s01e02   FAILED            -      -       -           -      -  not pushed: video s01e02.mp4 is empty (0 bytes)\n"
        + "s01e03   FAILED            -      -       -           -  0.3 s  decoder: not_a_video: x\n");
    assertThat(RunCommand.exitStatus(List.of(SeasonWatch.refused("a", "x")))).isEqualTo(UserErrors.EXIT);
  }
}
