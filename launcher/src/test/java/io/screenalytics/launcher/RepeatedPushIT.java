package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.runtime.status.EpisodeRuns;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An episode id pushed again while a run of it is in flight (issue 27): before, the second request started a second
 * run whose records went into the first's state under the same keys, and it never completed. Now it is refused: by
 * the decoder with a status event when it reaches the cluster, and by {@code ingest} in one line before it is
 * pushed; the first run completes with consistent outputs.
 */
class RepeatedPushIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static final String EPISODE = "pushed-twice";

  @TempDir
  Path dir;

  @Test
  void shouldRefuseAnEpisodePushedAgainWhileInFlightAndCompleteTheFirstRun() throws Exception {
    Path store = dir.resolve("store");
    Path video = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/short_hamilton_clip.mp4");
    List<String> ingest = new ArrayList<>(List.of("ingest", "--video", video.toString(), "--episode-id", EPISODE,
        "--stride", "2"));
    CLUSTER.settings().forEach((k, v) -> ingest.addAll(List.of("--set", k + "=" + v)));
    List<EpisodeStatus> events = new ArrayList<>();
    try (PipelineFixture fixture = PipelineFixture.start(CLUSTER, store, Map.of());
         StatusWatcher watcher = new StatusWatcher(fixture.kafka);
         Ingestor ingestor = new Ingestor(fixture.kafka)) {
      // Given the episode pushed with ingest, being decoded
      CommandRun first = CommandRun.of(ingest.toArray(String[]::new));
      assertThat(first.exit()).as(first.err()).isZero();
      boolean[] started = {false};
      Optional<EpisodeStatus> early = Optional.empty();
      while (!started[0] && early.isEmpty()) {
        early = watcher.await(EPISODE, Duration.ofSeconds(1), s -> {
          events.add(s);
          started[0] |= "decoder".equals(s.getStage()) && s.getState() == EpisodeState.STARTED;
        });
      }
      assertThat(early).as("the first run still in flight when pushed again").isEmpty();

      // When it is pushed again by a client (the decoder decides), and with ingest
      ingestor.push(EPISODE, video.toString(), null, 2);
      CommandRun third = CommandRun.of(ingest.toArray(String[]::new));

      // Then ingest refuses it in one line
      assertThat(third.exit()).isEqualTo(UserErrors.EXIT);
      assertThat(third.err().strip()).startsWith("error: refused: episode " + EPISODE + " is already in flight")
          .doesNotContain("\n").doesNotContain("Exception");

      // And the first run completes, the decoder having refused the second request with a status event
      Optional<EpisodeStatus> end = watcher.awaitWhileProgressing(EPISODE, events::add);
      assertThat(end).isPresent();
      assertThat(end.get().getState()).as(end.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // (the decoder's event may come later)
      while (events.stream().noneMatch(s -> EpisodeRuns.refused(s).isPresent()) && System.nanoTime() < deadline) {
        watcher.await(EPISODE, Duration.ofSeconds(1), events::add);
      }
      List<EpisodeStatus> refusals = events.stream().filter(s -> EpisodeRuns.refused(s).isPresent()).toList();
      assertThat(refusals).singleElement().satisfies(r -> {
        assertThat(r.getStage()).isEqualTo("decoder");
        assertThat(r.getState()).isEqualTo(EpisodeState.PROGRESS);
        assertThat(r.getReason()).startsWith("refused: episode " + EPISODE + " is already in flight");
      });
      assertThat(events.stream().filter(s -> "decoder".equals(s.getStage()) && s.getState() == EpisodeState.STARTED))
          .as("one run").hasSize(1);

      // And its outputs are one run's: every face once, as many as the completion counted
      ObjectMapper json = new ObjectMapper();
      Set<String> faceIds = new HashSet<>();
      List<String> lines = Files.readAllLines(store.resolve("episodes").resolve(EPISODE).resolve("faces.jsonl"));
      for (String line : lines) {
        JsonNode f = json.readTree(line);
        assertThat(faceIds.add(f.get("face_id").asText())).as("face %s once", f.get("face_id")).isTrue();
      }
      assertThat((double) lines.size()).isEqualTo(end.get().getCounters().get("faces")).isPositive();
      assertThat(end.get().getCounters().get("frames_embedded")).isEqualTo(end.get().getCounters().get("frames"));
    }
  }
}
