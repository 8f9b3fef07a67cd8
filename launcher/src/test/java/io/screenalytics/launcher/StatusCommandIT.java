package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.voice.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --wait} and {@code status} against a running cluster (a real broker and registry, every service
 * running), addressed with {@code --bootstrap-servers} and {@code --schema-registry-url} as a user would.
 */
class StatusCommandIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  @TempDir
  static Path dir;

  private static PipelineFixture fixture;

  @BeforeAll
  static void start() {
    fixture = PipelineFixture.start(CLUSTER, dir.resolve("store"), Map.of());
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static CommandRun command(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--bootstrap-servers";
    all[args.length + 1] = CLUSTER.settings().get(ClusterExtension.BOOTSTRAP_SERVERS);
    all[args.length + 2] = "--schema-registry-url";
    all[args.length + 3] = CLUSTER.settings().get(ClusterExtension.REGISTRY_URL);
    return CommandRun.of(all);
  }

  @Test
  void shouldWaitForPushedEpisodesAndReportEachOnesState() throws Exception {
    // Given a 2 s real clip and a text file named .mp4
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));
    Path good = TestMedia.ffmpeg(dir.resolve("good.mp4"), "-i",
        shared.resolve("media/video/sadtalker_WDA_EdMarkey0_000.mp4").toString(), "-t", "2", "-an", "-c:v", "mpeg4",
        "-q:v", "4");
    Path broken = Files.writeString(dir.resolve("broken.mp4"), "this is not a video\n".repeat(100));

    // When both are pushed with --wait
    CommandRun ingest = command("ingest", "--wait", "--video", good.toString(), "--video", broken.toString());

    // Then it returns once both ended: each said in one line, the summary table, status 2 since one failed
    assertThat(ingest.exit()).as(ingest.out() + ingest.err()).isEqualTo(UserErrors.EXIT);
    assertThat(ingest.out()).containsPattern("(?m)^good COMPLETED at \\S+: \\d+ sampled frames, [1-9]\\d* faces")
        .containsPattern("(?m)^broken FAILED in decoder at \\S+: not_a_video")
        .containsPattern("(?m)^good +COMPLETED +2\\.\\d s").containsPattern("(?m)^broken +FAILED .*decoder: not_a_video");

    // When asked for each episode's status
    CommandRun goodStatus = command("status", "good");
    CommandRun brokenStatus = command("status", "broken");
    CommandRun unknown = command("status", "nobody");

    // Then one line each: completed (0), failed with the reason (1), unknown as an error (2)
    assertThat(goodStatus.exit()).as(goodStatus.err()).isZero();
    assertThat(goodStatus.out().lines()).singleElement().asString().startsWith("good COMPLETED at ")
        .contains("results file:");
    assertThat(brokenStatus.exit()).isEqualTo(StatusCommand.EXIT_FAILED);
    assertThat(brokenStatus.out().lines()).singleElement().asString()
        .startsWith("broken FAILED in decoder at ").contains("not_a_video");
    assertThat(unknown.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(unknown.out()).isEmpty();
    assertThat(unknown.err().strip()).startsWith("error: no episode nobody on the status topic").doesNotContain("\n");

    // When the good one is pushed again with --wait
    Instant before = Instant.now();
    CommandRun again = command("ingest", "--wait", "--video", good.toString());

    // Then it waits for this run's end, not the earlier one's, and exits 0
    assertThat(again.exit()).as(again.out() + again.err()).isZero();
    Matcher at = Pattern.compile("(?m)^good COMPLETED at (\\S+):").matcher(again.out());
    assertThat(at.find()).as(again.out()).isTrue();
    assertThat(Instant.parse(at.group(1))).isAfter(before.minusMillis(1));
  }
}
