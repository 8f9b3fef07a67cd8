package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.launcher.eval.NamingCases;
import io.screenalytics.launcher.eval.NamingScore;
import io.screenalytics.voice.testing.TestMedia;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names on hard footage (issue 14), {@code screenalytics run} end to end on the two cases of {@link NamingCases},
 * scored by {@link NamingScore}: named-screen-time recall and false naming.
 *
 * <p>Bounds, from the measurements in identities/README.md, "Evaluation" (before: the naming of one threshold per cluster; after:
 * {@code EpisodeNaming}), each with room for a sampled frame or two of detection or tracking change:
 * <ul>
 *   <li>composed episode: every cast member named on at least 45 % of their time (each is named on their large
 *       appearance, half of it; Ed Markey's degraded one, a 15 px face, stays below the LOW band's 0.23 at 0.225 to
 *       his photo and 0.211 to his sharp track), all together at least 80 % (85.2 % measured); faces of the two radio
 *       speakers, outside the cast, named at most 1.2 s (5 sampled frames; 0.24-0.72 s measured, the end of a track
 *       that runs across the cut into one of them, where before a whole 2.5 s appearance was named Katie Hill: 3.12 s)
 *       and cast members named as one another at most 0.5 s (0.24 s measured, one sampled frame of a track running
 *       across a cut; 0.48 s before);
 *   <li>Hamilton clip: Lin-Manuel Miranda on at least 60 % of his 7.0 s (4.87 s; his profile from behind in the second
 *       shot is not named: cosine 0.17 to his named tracks), Barack Obama at least 60 % of 3.0 s (2.2 s), Alex
 *       Lacamoire, a 33 px face at the piano, at least half of his 0.67 s (all of it measured; never before: 0.257
 *       against one threshold of 0.28), nobody named falsely beyond one sampled frame (0.2 s; none measured);
 *   <li>real film footage with the web cast galleries that came with it (issue 29, truth labelled by looking at
 *       frames, see {@link NamingCases}), measured on 2026-12-07: {@code avengers_15s.mp4} Steve 99 %, Thor 99 %,
 *       Tony 90 % (his half face at the frame's edge is missed in part), nothing named falsely; {@code
 *       hera_pheri_14s.mp4} Shyam 96 %, Babu Bhaiya 95 %, Raju 70 % (his small face far right in the wide shot is not
 *       detected), the woman outside the cast unknown, nothing named falsely. Bounds: 80 % each (Raju 60 %), false
 *       naming at most one sampled frame.
 * </ul>
 */
class NamingEvaluationIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));

  @Test
  void shouldNameTheComposedEpisodesDegradedAppearancesWithoutNamingStrangers() throws Exception {
    // Given the composed episode and a facebank of one frame of each cast member's large appearance
    Path video = TestMedia.ffmpeg(dir.resolve("composed.mp4"),
        NamingCases.composeArgs(shared.resolve("media/video")).toArray(String[]::new));
    StringBuilder csv = new StringBuilder("name,photo\n");
    for (int i = 0; i < 4; i++) {
      Path seed = dir.resolve("seed" + i + ".jpg");
      TestMedia.ffmpeg(seed, "-ss", String.format(Locale.ROOT, "%.2f", NamingCases.seedSecond(i)), "-i",
          video.toString(), "-frames:v", "1", "-q:v", "2");
      csv.append(NamingCases.PEOPLE.get(i)).append(',').append(seed).append('\n');
    }
    // When
    Path episode = run(video, csv.toString(), "composed");
    // Then
    NamingScore.Result score = NamingScore.score(episode, NamingCases.composedTruth(), NamingCases.COMPOSED_CAST,
        NamingCases.COMPOSED_FPS, NamingCases.COMPOSED_WIDTH);
    System.out.print("composed episode:\n" + score.format());
    for (String person : NamingCases.COMPOSED_CAST) {
      assertThat(score.recall(person)).as(person).isGreaterThanOrEqualTo(0.45);
    }
    assertThat(score.recall()).isGreaterThanOrEqualTo(0.80);
    assertThat(score.unknownPerson()).isLessThanOrEqualTo(1.2);
    assertThat(score.wrongPerson()).isLessThanOrEqualTo(0.5);
    assertEveryDecisionHasEvidence(episode);
  }

  @Test
  void shouldNameTheHamiltonCastIncludingTheSmallFaceAtThePiano() throws Exception {
    // Given the clip and photos of Lin-Manuel Miranda, Alex Lacamoire and Barack Obama
    StringBuilder csv = new StringBuilder("name,photo\n");
    NamingCases.hamiltonCast(shared.resolve("faces")).forEach(r -> csv.append(r[0]).append(',').append(r[1])
        .append('\n'));
    // When
    Path episode = run(shared.resolve("media/video/short_hamilton_clip.mp4"), csv.toString(), "short_hamilton_clip");
    // Then
    NamingScore.Result score = NamingScore.score(episode, NamingCases.hamiltonTruth(), NamingCases.HAMILTON_CAST,
        NamingCases.HAMILTON_FPS, NamingCases.HAMILTON_WIDTH);
    System.out.print("Hamilton clip:\n" + score.format());
    assertThat(score.recall("Lin-Manuel Miranda")).isGreaterThanOrEqualTo(0.60);
    assertThat(score.recall("Barack Obama")).isGreaterThanOrEqualTo(0.60);
    assertThat(score.recall("Alex Lacamoire")).isGreaterThanOrEqualTo(0.50);
    assertThat(score.falseSeconds()).isLessThanOrEqualTo(0.21);
    Map<String, JsonNode> byName = assertEveryDecisionHasEvidence(episode);
    JsonNode alex = byName.get("Alex Lacamoire").get("naming").get(0);
    assertThat(alex.get("source").asText()).isEqualTo("facebank");
    assertThat(alex.get("quality_band").asText()).isEqualTo("LOW");
    assertThat(alex.get("similarity").asDouble()).isGreaterThanOrEqualTo(alex.get("threshold").asDouble());
  }

  @Test
  void shouldNameRealFilmCastsFromTheirWebGalleriesWithoutNamingTheWomanOutsideTheCast() throws Exception {
    // Given two real film clips and the cast photos from the web that came with them
    Path real = shared.resolve("media/real");
    // When
    NamingScore.Result avengers = NamingScore.score(runWithGallery(real, "avengers_15s", "avengers"),
        NamingCases.avengersTruth(), NamingCases.AVENGERS_CAST, NamingCases.AVENGERS_FPS, NamingCases.AVENGERS_WIDTH);
    NamingScore.Result heraPheri = NamingScore.score(runWithGallery(real, "hera_pheri_14s", "hera_pheri"),
        NamingCases.heraPheriTruth(), NamingCases.HERA_PHERI_CAST, NamingCases.HERA_PHERI_FPS,
        NamingCases.HERA_PHERI_WIDTH);
    // Then
    System.out.print("avengers_15s:\n" + avengers.format() + "hera_pheri_14s:\n" + heraPheri.format());
    for (String person : NamingCases.AVENGERS_CAST) {
      assertThat(avengers.recall(person)).as(person).isGreaterThanOrEqualTo(0.80);
    }
    assertThat(heraPheri.recall("Shyam")).isGreaterThanOrEqualTo(0.80);
    assertThat(heraPheri.recall("Babu Bhaiya")).isGreaterThanOrEqualTo(0.80);
    assertThat(heraPheri.recall("Raju")).isGreaterThanOrEqualTo(0.60);
    assertThat(avengers.falseSeconds()).isLessThanOrEqualTo(0.25);
    assertThat(heraPheri.falseSeconds()).isLessThanOrEqualTo(0.25);
  }

  private Path runWithGallery(Path real, String episodeId, String film) throws Exception {
    StringBuilder csv = new StringBuilder("name,photo\n");
    NamingCases.galleryCast(real.resolve("galleries/" + film)).forEach(r -> csv.append(r[0]).append(',')
        .append(r[1]).append('\n'));
    return run(real.resolve(episodeId + ".mp4"), csv.toString(), episodeId);
  }

  private Path run(Path video, String castCsv, String episodeId) throws Exception {
    Path cast = dir.resolve(episodeId + "_cast.csv");
    Files.writeString(cast, castCsv);
    StringWriter stdout = new StringWriter();
    int exit = Screenalytics.commandLine().setOut(new PrintWriter(stdout)).execute(
        "run", "--video", video.toString(), "--cast", cast.toString(), "--out", dir.resolve("store").toString());
    assertThat(exit).as(stdout.toString()).isZero();
    return dir.resolve("store/episodes/" + episodeId);
  }

  /** Every identity's decisions in identities.json: named ones give their source, cosine and band, unknowns a reason. */
  private static Map<String, JsonNode> assertEveryDecisionHasEvidence(Path episode) throws Exception {
    Map<String, JsonNode> byName = new HashMap<>();
    List<String> reasons = new ArrayList<>();
    for (JsonNode identity : JSON.readTree(episode.resolve("identities.json").toFile()).get("identities")) {
      assertThat(identity.get("naming")).as(identity.get("identity_id").asText()).isNotEmpty();
      for (JsonNode d : identity.get("naming")) {
        assertThat(d.get("quality_band").asText()).isIn("HIGH", "MEDIUM", "LOW", "UNUSABLE");
        if (d.hasNonNull("name")) {
          assertThat(d.get("source").asText()).isIn("facebank", "episode");
          assertThat(d.get("similarity").asDouble()).isGreaterThanOrEqualTo(d.get("threshold").asDouble());
          assertThat(d.hasNonNull("seed_photo") || d.hasNonNull("evidence_track_id")).isTrue();
        } else {
          reasons.add(d.get("reason").asText());
        }
      }
      if (identity.hasNonNull("name")) {
        byName.put(identity.get("name").asText(), identity);
      }
    }
    assertThat(reasons).allMatch(r -> r.startsWith("unusable: ") || r.startsWith("not named: ")
        || r.startsWith("conflict: "));
    return byName;
  }
}
