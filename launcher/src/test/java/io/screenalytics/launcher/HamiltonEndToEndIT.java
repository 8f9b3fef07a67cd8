package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, end to end on real footage: {@code screenalytics run} on the Hamilton clip with
 * the cast built from real photos must name Lin-Manuel Miranda and Barack Obama with plausible screen time.
 *
 * <p>Bounds, from the clip's shots (cuts at source frames 20, 82 and 211 of 300, 29.97 fps, found by looking
 * at the frames): Lin-Manuel Miranda is on screen in the opening wide shot (frames 0-19, 0.67 s) and the
 * close-up shot (frames 82-210, 4.3 s), so at most ~5.0 s, and at least the close-up minus detection
 * misses; Barack Obama is only in the last shot (frames 211-299, 3.0 s), in strict profile, so at most
 * 3.0 s, and at least a second of it.
 */
class HamiltonEndToEndIT {

  /** Where the clip's video stream starts on its container's timeline: pts 0.852019 s less start_time 0.008005 s. */
  private static final double HAMILTON_VIDEO_START = 0.844014;

  @TempDir
  Path out;

  @Test
  void shouldNameTheCastWithPlausibleScreenTime() throws Exception {
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));
    Path video = shared.resolve("media/video/short_hamilton_clip.mp4");
    Path cast = Path.of("..", "examples", "hamilton_cast.csv");
    assertThat(video).isRegularFile();

    StringWriter stdout = new StringWriter();
    int exit = Screenalytics.commandLine().setOut(new PrintWriter(stdout)).execute(
        "run", "--video", video.toString(), "--cast", cast.toString(), "--out", out.toString());

    assertThat(exit).isZero();
    Path episode = out.resolve("episodes/short_hamilton_clip");
    JsonNode screenTime = new ObjectMapper().readTree(episode.resolve("screen_time.json").toFile());
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode row : screenTime.get("identities")) {
      if (row.hasNonNull("name")) {
        byName.put(row.get("name").asText(), row);
      }
    }
    assertThat(byName).containsOnlyKeys("Lin-Manuel Miranda", "Barack Obama");
    JsonNode lin = byName.get("Lin-Manuel Miranda");
    JsonNode obama = byName.get("Barack Obama");
    assertThat(lin.get("visible_seconds").asDouble()).isBetween(3.5, 5.2);
    assertThat(obama.get("visible_seconds").asDouble()).isBetween(1.0, 3.0);
    assertThat(obama.get("first_ts").asDouble()).isGreaterThanOrEqualTo(7.8); // not before the last shot
    assertThat(screenTime.get("seconds_per_sampled_frame").asDouble()).isCloseTo(6 / 29.97, within(1e-3));

    // One timeline: the clip's three cuts on their first frames (20, 82, 211), each with its ts on the container's
    // timeline, where the video starts at 0.844 s (ts = 0.844 + frame_idx / 29.97, not frame_idx / 29.97); every
    // identity's first and last frame_idx beside its first_ts and last_ts, on the same clock
    JsonNode episodeRecord = screenTime.get("episode");
    assertThat(episodeRecord.get("scene_cut_frame_idx")).extracting(JsonNode::asLong).containsExactly(20L, 82L, 211L);
    for (int i = 0; i < 3; i++) {
      assertThat(episodeRecord.get("scene_cut_ts").get(i).asDouble()).isCloseTo(
          HAMILTON_VIDEO_START + episodeRecord.get("scene_cut_frame_idx").get(i).asLong() / 29.97, within(1e-3));
    }
    for (JsonNode row : screenTime.get("identities")) {
      if (row.hasNonNull("first_ts")) {
        assertThat(row.get("first_ts").asDouble()).as(row.get("identity_id").asText())
            .isCloseTo(HAMILTON_VIDEO_START + row.get("first_frame_idx").asLong() / 29.97, within(1e-3));
        assertThat(row.get("last_ts").asDouble())
            .isCloseTo(HAMILTON_VIDEO_START + row.get("last_frame_idx").asLong() / 29.97, within(1e-3));
      }
    }
    assertThat(obama.get("first_frame_idx").asLong()).isGreaterThanOrEqualTo(211L);
    assertThat(episodeRecord.get("transitions")).as("hard cuts only, no fades").isEmpty();

    // every manifest names its models with licence and sha256
    for (String file : new String[] {"screen_time.json", "identities.json", "embeddings_index.json"}) {
      JsonNode models = new ObjectMapper().readTree(episode.resolve(file).toFile()).get("models");
      assertThat(models).as(file).hasSize(2);
      models.forEach(m -> {
        assertThat(m.get("sha256").asText()).hasSize(64);
        assertThat(m.get("licence").asText()).isNotBlank();
      });
    }
    long faces = Files.readAllLines(episode.resolve("faces.jsonl")).size();
    long tracks = Files.readAllLines(episode.resolve("tracks.jsonl")).size();
    assertThat(faces).isGreaterThan(50);
    assertThat(tracks).isBetween(5L, 40L);
    assertThat(Files.size(episode.resolve("embeddings.f32"))).isEqualTo(
        4L * 512 * new ObjectMapper().readTree(episode.resolve("embeddings_index.json").toFile()).get("rows").asLong());
  }
}
