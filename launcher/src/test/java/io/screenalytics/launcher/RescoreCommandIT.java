package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on real footage: {@code run} on the Hamilton clip writes the episode and its report; {@code rescore}
 * then recomputes identities from the stored embeddings with a stricter matching threshold, and with another
 * facebank built by {@code facebank add}, rewriting the manifests and the report each time.
 */
class RescoreCommandIT {

  static final Path SHARED = Path.of(System.getProperty("screenalytics.shared", "../../shared"));

  @TempDir static Path out;

  static Path episode;

  @BeforeAll
  static void runThePipeline() {
    CommandRun run = CommandRun.of("run", "--video", SHARED.resolve("media/video/short_hamilton_clip.mp4").toString(),
        "--cast", Path.of("..", "examples", "hamilton_cast.csv").toString(), "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    episode = out.resolve("episodes/short_hamilton_clip");
  }

  @Test
  void shouldRescoreWithAStricterThresholdThenAnotherFacebank() throws Exception {
    // the pipeline wrote the report and kept the facebank it matched against
    String report = Files.readString(episode.resolve("report.html"));
    assertThat(report).contains("<h3>Lin-Manuel Miranda</h3>").contains("<h3>Barack Obama</h3>")
        .contains("class=\"timeline-row\"").contains("class=\"scene-cut\"");
    assertThat(names()).containsExactlyInAnyOrder("Lin-Manuel Miranda", "Barack Obama");
    int identities = json("identities.json").get("identities").size();
    String embeddings = sha256("embeddings.f32");

    // When matching at 0.9, nobody is named; nothing was decoded or embedded again
    CommandRun strict = CommandRun.of("rescore", "short_hamilton_clip", "--out", out.toString(), "--set",
        "assembly.facebank.min.similarity=0.9");
    assertThat(strict.exit()).as(strict.err()).isZero();
    assertThat(strict.out()).contains(identities + " -> " + identities + " identities (2 -> 0 named)")
        .contains("report: file:");
    assertThat(names()).isEmpty();
    assertThat(Files.readString(episode.resolve("report.html"))).contains("Cast found (0)");
    assertThat(sha256("embeddings.f32")).isEqualTo(embeddings);

    // When a facebank with only Barack Obama is built and used (at the default threshold again)
    CommandRun add = CommandRun.of("facebank", "add", "--out", out.toString(), "--facebank", "obama_only", "--name",
        "Barack Obama", SHARED.resolve("faces/face_recognition/examples/obama.jpg").toString());
    assertThat(add.exit()).as(add.err()).isZero();
    CommandRun other = CommandRun.of("rescore", "short_hamilton_clip", "--out", out.toString(), "--facebank",
        "obama_only", "--set", "assembly.facebank.min.similarity=0.28");
    // Then only he is named, and Lin-Manuel Miranda's cluster is up for review
    assertThat(other.exit()).as(other.err()).isZero();
    assertThat(names()).containsExactly("Barack Obama");
    String rescored = Files.readString(episode.resolve("report.html"));
    assertThat(rescored).contains("Cast found (1)").contains("<h3>Barack Obama</h3>")
        .doesNotContain("<h3>Lin-Manuel Miranda</h3>");
    assertThat(json("manifest.json").get("settings").get("assembly.facebank.min.similarity").asText())
        .isEqualTo("0.28");
    // and a later rescore without --facebank keeps using the episode's new facebank
    assertThat(CommandRun.of("rescore", "short_hamilton_clip", "--out", out.toString()).out())
        .contains("(1 -> 1 named)");
  }

  @Test
  void shouldRefuseTyposAndUnknownEpisodes() {
    CommandRun typo = CommandRun.of("rescore", "short_hamilton_clip", "--out", out.toString(), "--set",
        "assembly.cluster.min.similarty=0.4");
    assertThat(typo.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(typo.err()).contains("unknown setting assembly.cluster.min.similarty (did you mean "
        + "assembly.cluster.min.similarity?)");
    CommandRun missing = CommandRun.of("rescore", "no_such_episode", "--out", out.toString());
    assertThat(missing.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(missing.err()).contains("episodes/no_such_episode/manifest.json");
    CommandRun traversal = CommandRun.of("rescore", "../short_hamilton_clip", "--out", out.toString());
    assertThat(traversal.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(traversal.err()).contains("invalid episode id");
  }

  private static List<String> names() throws Exception {
    List<String> out = new ArrayList<>();
    json("identities.json").get("identities").forEach(i -> {
      if (i.hasNonNull("name")) {
        out.add(i.get("name").asText());
      }
    });
    return out;
  }

  private static JsonNode json(String file) throws Exception {
    return new ObjectMapper().readTree(episode.resolve(file).toFile());
  }

  private static String sha256(String file) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(episode.resolve(file))));
  }
}
