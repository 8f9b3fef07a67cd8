package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.screenalytics.voice.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A season in one command, end to end: {@code screenalytics run --videos DIR} on a folder of three real clips (the
 * Hamilton clip named with the cast, a talking head, a 2 s cut of another), a broken "video" and a text file, all
 * through one cluster start; then {@code export screen-time} over that store.
 */
class SeasonIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COMPLETED = List.of("e01_hamilton", "e02_katie_hill", "e03_two_seconds");

  @TempDir
  Path dir;

  @Test
  void shouldRunASeasonThroughOneClusterAndExportItsScreenTime() throws Exception {
    // Given a season folder: three real clips, a text file named .mp4 and notes that are no video
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));
    Path season = Files.createDirectories(dir.resolve("season"));
    Files.copy(shared.resolve("media/video/short_hamilton_clip.mp4"), season.resolve("e01_hamilton.mp4"));
    Files.copy(shared.resolve("media/video/sadtalker_WDA_KatieHill_000.mp4"), season.resolve("e02_katie_hill.mp4"));
    TestMedia.ffmpeg(season.resolve("e03_two_seconds.mp4"), "-i",
        shared.resolve("media/video/sadtalker_WDA_BobMenendez_000.mp4").toString(), "-t", "2", "-c:v", "mpeg4",
        "-q:v", "4", "-c:a", "aac");
    Files.writeString(season.resolve("e04_broken.mp4"), "this is not a video\n".repeat(100));
    Files.writeString(season.resolve("notes.txt"), "shot list\n");
    Path store = dir.resolve("store");

    // When the season is run in one command
    CommandRun run = CommandRun.of("run", "--videos", season.toString(), "--cast",
        Path.of("..", "examples", "hamilton_cast.csv").toString(), "--out", store.toString());

    // Then the text file is skipped with one warning, the broken file fails with its reason, the others complete,
    // and the exit status says one failed
    assertThat(run.err().lines().filter(l -> l.startsWith("warning:")).toList())
        .singleElement().asString().contains("notes.txt").doesNotContain("e0");
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(UserErrors.EXIT);
    assertThat(run.out()).contains("episodes e01_hamilton, e02_katie_hill, e03_two_seconds, e04_broken pushed");
    // the summary table: a row per episode, in order, before the screen-time tables
    List<String> lines = run.out().lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("episode ") && l.contains("identities"))
        .findFirst().orElseThrow(() -> new AssertionError("no summary table in\n" + run.out())));
    assertThat(lines.get(header)).matches("episode +status +duration +faces +tracks +identities +wall +reason");
    for (int i = 0; i < 3; i++) {
      assertThat(lines.get(header + 1 + i)).startsWith(COMPLETED.get(i)).contains(" COMPLETED ");
    }
    assertThat(lines.get(header + 4)).startsWith("e04_broken").contains(" FAILED ")
        .contains("decoder: not_a_video");
    assertThat(run.out().indexOf("screen time of e01_hamilton:")).isGreaterThan(run.out().indexOf(lines.get(header)));
    assertThat(store.resolve("episodes/e04_broken/manifest.json")).doesNotExist();

    // and no one's screen time exceeds their episode, the 2 s clip's included
    Map<String, JsonNode> screenTime = new HashMap<>();
    for (String id : COMPLETED) {
      JsonNode doc = JSON.readTree(store.resolve("episodes/" + id + "/screen_time.json").toFile());
      screenTime.put(id, doc);
      double duration = doc.get("episode").get("duration_s").asDouble();
      assertThat(doc.get("identities")).as(id).isNotEmpty();
      for (JsonNode row : doc.get("identities")) {
        assertThat(row.get("share").asDouble()).as(id + " " + row.get("identity_id")).isLessThanOrEqualTo(1.0);
        assertThat(row.get("visible_seconds").asDouble()).isLessThanOrEqualTo(duration + 1e-9);
      }
    }
    assertThat(screenTime.get("e03_two_seconds").get("episode").get("duration_s").asDouble())
        .isCloseTo(2.0, within(0.1));
    assertThat(names(screenTime.get("e01_hamilton"))).contains("Lin-Manuel Miranda", "Barack Obama");

    // When the store's screen time is exported
    Path csv = dir.resolve("season.csv");
    CommandRun export = CommandRun.of("export", "screen-time", "--out", store.toString(), "--csv", csv.toString(),
        "--json", "-");
    assertThat(export.exit()).as(export.err()).isZero();

    // Then one CSV row per episode and identity, with the figures of each screen_time.json, the failed episode absent
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      it.forEachRemaining(rows::add);
    }
    int expectedRows = 0;
    for (String id : COMPLETED) {
      for (JsonNode row : screenTime.get(id).get("identities")) {
        expectedRows++;
        String identity = row.get("identity_id").asText();
        Map<String, String> exported = rows.stream()
            .filter(r -> r.get("episode_id").equals(id) && r.get("identity_id").equals(identity)).findFirst()
            .orElseThrow(() -> new AssertionError("no row for " + id + " " + identity));
        assertThat(Double.parseDouble(exported.get("visible_seconds")))
            .isCloseTo(row.get("visible_seconds").asDouble(), within(5e-4));
        assertThat(Double.parseDouble(exported.get("share"))).isCloseTo(row.get("share").asDouble(), within(5e-7));
        if (row.hasNonNull("name")) {
          assertThat(exported.get("name")).isEqualTo(row.get("name").asText());
          assertThat(exported.get("person")).isEqualTo(identity);
        } else {
          assertThat(exported.get("name")).isEmpty();
          assertThat(exported.get("person")).isEqualTo(id + "/" + identity);
        }
        if (row.hasNonNull("first_ts")) {
          assertThat(Double.parseDouble(exported.get("first_ts"))).isCloseTo(row.get("first_ts").asDouble(), within(5e-4));
          assertThat(Double.parseDouble(exported.get("last_ts"))).isCloseTo(row.get("last_ts").asDouble(), within(5e-4));
        }
      }
    }
    assertThat(rows).hasSize(expectedRows);
    assertThat(rows).noneMatch(r -> r.get("episode_id").equals("e04_broken"));
    // and the JSON on standard output carries the same rows
    assertThat(JSON.readTree(export.out())).hasSize(expectedRows);
  }

  private static List<String> names(JsonNode screenTime) {
    List<String> out = new ArrayList<>();
    screenTime.get("identities").forEach(r -> {
      if (r.hasNonNull("name")) out.add(r.get("name").asText());
    });
    return out;
  }
}
