package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs over the real broker end in a {@code FAILED} event with a reason, not a hang, and a good
 * episode pushed at the same time still completes.
 */
class BadInputIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  @TempDir
  static Path dir;

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

  private static void assertFailed(StatusWatcher watcher, String episode, String reason) {
    EpisodeStatus s = watcher.awaitWhileProgressing(episode, e -> { }).orElseThrow(
        () -> new AssertionError("no terminal event for " + episode));
    assertThat(s.getState()).as(episode).isEqualTo(EpisodeState.FAILED);
    assertThat(s.getStage()).as(episode).isEqualTo("decoder");
    assertThat(s.getReason()).as(episode).startsWith(reason);
  }
}
