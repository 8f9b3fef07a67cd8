package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.runtime.config.KafkaSettings;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs over the real broker end in a {@code FAILED} event with a reason, not a hang, and a good
 * episode pushed at the same time still completes; an episode pushed again while in flight is refused, not run twice.
 */
class BadInputIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  @TempDir
  static Path dir;

  private static final String PUSHED_TWICE = "pushed-twice";

  private static PipelineFixture fixture;
  private static KafkaSettings kafka;

  @BeforeAll
  static void start() {
    fixture = PipelineFixture.start(CLUSTER, dir.resolve("store"), Map.of());
    kafka = fixture.kafka;
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void shouldFailBadInputsWithReasonsWhileAGoodEpisodeCompletes() throws Exception {
    // Given a missing file, an empty file, a text file named .mp4, a JPEG named .mp4 and a real clip
    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(100));
    Path jpeg = Files.copy(Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("faces/face_recognition/examples/obama.jpg"), dir.resolve("photo.mp4"));
    Path good = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/sadtalker_WDA_KatieHill_000.mp4");

    // When they are pushed together
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      ingestor.push("missing", dir.resolve("nowhere.mp4").toString(), null, null);
      ingestor.push("empty", empty.toString(), null, null);
      ingestor.push("text", text.toString(), null, null);
      ingestor.push("jpeg", jpeg.toString(), null, null);
      ingestor.push("good", good.toString(), null, null);

      // Then each bad one fails with its reason, and the good one completes
      assertFailed(watcher, "missing", "not_found");
      assertFailed(watcher, "empty", "empty_file");
      assertFailed(watcher, "text", "not_a_video");
      assertFailed(watcher, "jpeg", "not_a_video");
      EpisodeStatus done = watcher.awaitWhileProgressing("good", s -> { }).orElseThrow();
      assertThat(done.getState()).isEqualTo(EpisodeState.COMPLETED);
      assertThat(done.getCounters().get("tracks")).isGreaterThanOrEqualTo(1.0);
    }
  }

  /**
   * An episode id pushed again while a run of it is in flight (issue 27): before, the second request started a second
   * run whose records went into the first's state under the same keys, and it never completed. Now it is refused: by
   * the decoder with a status event when it reaches the cluster, and by {@code ingest} in one line before it is
   * pushed; the first run completes with one run's outputs.
   */
  @Test
  void shouldRefuseAnEpisodePushedAgainWhileInFlightAndCompleteTheFirstRun() throws Exception {
    Path video = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/short_hamilton_clip.mp4");
    List<String> ingest = new ArrayList<>(List.of("ingest", "--video", video.toString(), "--episode-id", PUSHED_TWICE,
        "--stride", "2"));
    CLUSTER.settings().forEach((k, v) -> ingest.addAll(List.of("--set", k + "=" + v)));
    List<EpisodeStatus> events = new ArrayList<>();
    try (StatusWatcher watcher = new StatusWatcher(kafka); Ingestor ingestor = new Ingestor(kafka)) {
      // Given the episode pushed with ingest, being decoded
      CommandRun first = CommandRun.of(ingest.toArray(String[]::new));
      assertThat(first.exit()).as(first.err()).isZero();
      boolean[] started = {false};
      Optional<EpisodeStatus> early = Optional.empty();
      while (!started[0] && early.isEmpty()) {
        early = watcher.await(PUSHED_TWICE, Duration.ofSeconds(1), s -> {
          events.add(s);
          started[0] |= "decoder".equals(s.getStage()) && s.getState() == EpisodeState.STARTED;
        });
      }
      assertThat(early).as("the first run still in flight when pushed again").isEmpty();

      // When it is pushed again by a client (the decoder decides), and with ingest
      ingestor.push(PUSHED_TWICE, video.toString(), null, 2);
      CommandRun third = CommandRun.of(ingest.toArray(String[]::new));

      // Then ingest refuses it in one line
      assertThat(third.exit()).isEqualTo(UserErrors.EXIT);
      assertThat(third.err().strip()).startsWith("error: refused: episode " + PUSHED_TWICE + " is already in flight")
          .doesNotContain("\n").doesNotContain("Exception");

      // And the first run completes, the decoder having refused the second request with a status event
      Optional<EpisodeStatus> end = watcher.awaitWhileProgressing(PUSHED_TWICE, events::add);
      assertThat(end).isPresent();
      assertThat(end.get().getState()).as(end.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // (the decoder's event may come later)
      while (events.stream().noneMatch(s -> EpisodeRuns.refused(s).isPresent()) && System.nanoTime() < deadline) {
        watcher.await(PUSHED_TWICE, Duration.ofSeconds(1), events::add);
      }
      List<EpisodeStatus> refusals = events.stream().filter(s -> EpisodeRuns.refused(s).isPresent()).toList();
      assertThat(refusals).singleElement().satisfies(r -> {
        assertThat(r.getStage()).isEqualTo("decoder");
        assertThat(r.getState()).isEqualTo(EpisodeState.PROGRESS);
        assertThat(r.getReason()).startsWith("refused: episode " + PUSHED_TWICE + " is already in flight");
      });
      assertThat(events.stream().filter(s -> "decoder".equals(s.getStage()) && s.getState() == EpisodeState.STARTED))
          .as("one run").hasSize(1);

      // And its outputs are one run's: every face once, as many as the completion counted
      ObjectMapper json = new ObjectMapper();
      Set<String> faceIds = new HashSet<>();
      List<String> lines = Files.readAllLines(dir.resolve("store").resolve("episodes").resolve(PUSHED_TWICE).resolve("faces.jsonl"));
      for (String line : lines) {
        JsonNode f = json.readTree(line);
        assertThat(faceIds.add(f.get("face_id").asText())).as("face %s once", f.get("face_id")).isTrue();
      }
      assertThat((double) lines.size()).isEqualTo(end.get().getCounters().get("faces")).isPositive();
      assertThat(end.get().getCounters().get("frames_embedded")).isEqualTo(end.get().getCounters().get("frames"));
    }
  }

  private static void assertFailed(StatusWatcher watcher, String episode, String reason) {
    EpisodeStatus s = watcher.awaitWhileProgressing(episode, e -> { }).orElseThrow(
        () -> new AssertionError("no terminal event for " + episode));
    assertThat(s.getState()).as(episode).isEqualTo(EpisodeState.FAILED);
    assertThat(s.getStage()).as(episode).isEqualTo("decoder");
    assertThat(s.getReason()).as(episode).startsWith(reason);
  }
}
