package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.voice.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code screenalytics facebank add|list|remove} on real photos with the real models, into a local store. */
class FacebankCommandIT {

  static final Path PHOTOS = Path.of(System.getProperty("screenalytics.shared", "../../shared"),
      "faces/face_recognition/examples");

  @TempDir Path out;

  @Test
  void shouldAddListAndRemoveCastPhotos() throws Exception {
    String store = out.toString();
    // Given two people enrolled in the default facebank
    CommandRun add = CommandRun.of("facebank", "add", "--out", store, "--name", "Barack Obama",
        PHOTOS.resolve("obama.jpg").toString(), PHOTOS.resolve("obama2.jpg").toString());
    CommandRun biden = CommandRun.of("facebank", "add", "--out", store, "--name", "Joe Biden",
        PHOTOS.resolve("biden.jpg").toString());
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("2 seeds added for Barack Obama").contains("facebanks/default.json");
    assertThat(biden.exit()).isZero();
    // When listing
    CommandRun list = CommandRun.of("facebank", "list", "--out", store);
    // Then each person shows their seeds, model and stored photos
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("facebank default: 2 people, 3 seeds")
        .containsPattern("Barack Obama +2 +fr_feature +facebanks/default/photos/[0-9a-f]{12}_obama\\.jpg")
        .containsPattern("Joe Biden +1 +fr_feature");
    JsonNode json = new ObjectMapper().readTree(out.resolve("facebanks/default.json").toFile());
    JsonNode seed = json.get("people").get(0).get("seeds").get(0);
    assertThat(seed.get("model").asText()).isEqualTo("fr_feature");
    assertThat(seed.get("dims").asInt()).isEqualTo(512);
    assertThat(out.resolve(seed.get("source_photo").asText())).hasSameBinaryContentAs(PHOTOS.resolve("obama.jpg"));

    // And removing a photo, then a person, deletes their stored photos
    assertThat(CommandRun.of("facebank", "remove", "--out", store, "--name", "Barack Obama", "--photo",
        "obama2.jpg").out()).contains("removed 1 seed of Barack Obama");
    CommandRun removed = CommandRun.of("facebank", "remove", "--out", store, "--name", "Joe Biden");
    assertThat(removed.exit()).isZero();
    try (var photos = Files.list(out.resolve("facebanks/default/photos"))) {
      assertThat(photos.map(p -> p.getFileName().toString())).singleElement().asString().endsWith("_obama.jpg");
    }
    assertThat(CommandRun.of("facebank", "list", "--out", store).out()).contains("1 people, 1 seeds")
        .doesNotContain("Joe Biden");
  }

  @Test
  void shouldCheckEnrolmentPhotosAgainstEachOther() throws Exception {
    String store = out.toString();
    // Given a group photo where Joe Biden's face is twice the size of Barack Obama's (real photos side by side)
    Path group = TestMedia.ffmpeg(out.resolve("group.jpg"), "-i", PHOTOS.resolve("biden.jpg").toString(), "-i",
        PHOTOS.resolve("obama.jpg").toString(), "-filter_complex",
        "[0]scale=-2:640[b];[1]scale=-2:320,pad=iw:640:0:160[o];[b][o]hstack", "-frames:v", "1", "-q:v", "2");
    int bidenWidth = 282; // biden.jpg, 970x2204, scaled to 640 px high
    // When Obama is enrolled from two portraits, the group photo and, by mistake, a portrait of Biden
    CommandRun add = CommandRun.of("facebank", "add", "--out", store, "--name", "Barack Obama",
        PHOTOS.resolve("obama2.jpg").toString(), PHOTOS.resolve("obama-720p.jpg").toString(), group.toString(),
        PHOTOS.resolve("biden.jpg").toString());
    // Then the group photo gives Obama's smaller face, and Biden's portrait is left out with one line
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).contains("3 seeds added for Barack Obama")
        .containsPattern("cast photo .*biden\\.jpg left out: its face \\(\\d+x\\d+ px\\) is unlike Barack Obama's "
            + "other photos \\(median cosine -?0\\.\\d\\d < 0\\.28\\) \\(--insist takes it\\)");
    JsonNode seeds = new ObjectMapper().readTree(out.resolve("facebanks/default.json").toFile()).get("people").get(0)
        .get("seeds");
    JsonNode fromGroup = seeds.get(2).get("photo_face");
    assertThat(seeds.get(2).get("source_photo").asText()).endsWith("_group.jpg");
    assertThat(fromGroup.get("faces_in_photo").asInt()).isEqualTo(2);
    assertThat(fromGroup.get("bbox_xyxy").get(0).asDouble()).as("Obama's face, right of Biden's photo")
        .isGreaterThan(bidenWidth);
    assertThat(fromGroup.get("agreement").asDouble()).isGreaterThanOrEqualTo(0.28);
    assertThat(CommandRun.of("facebank", "list", "--out", store).out())
        .containsPattern("_group\\.jpg\\[face \\d+x\\d+@\\d+,\\d+ of 2 agrees 0\\.\\d\\d\\]");

    // And the group photo alone, for a person with no other photo, is refused: nothing tells which face
    CommandRun alone = CommandRun.of("facebank", "add", "--out", store, "--name", "Someone", group.toString());
    assertThat(alone.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(alone.out()).containsPattern("left out: 2 faces found \\(\\d+x\\d+, \\d+x\\d+ px\\), and no other "
        + "photo of Someone to tell which is theirs");
    assertThat(alone.err()).contains("error: none of the 1 photos of Someone enrolled: nothing added");
    // Unless the user insists
    CommandRun insisted = CommandRun.of("facebank", "add", "--out", store, "--name", "Someone", "--insist",
        group.toString());
    assertThat(insisted.exit()).as(insisted.err()).isZero();
    assertThat(insisted.out()).contains("its largest face taken as insisted").contains("1 seed added for Someone");
  }

  @Test
  void shouldLeaveOutAWebGalleryPhotoDecadesApartFromTheOthers() {
    // Given the web gallery of Shyam (Suniel Shetty) that came with hera_pheri_14s.mp4: 1.jpg shows him some 25
    // years younger, without the character's glasses (looked at)
    Path gallery = Path.of(System.getProperty("screenalytics.shared", "../../shared"),
        "media/real/galleries/hera_pheri/Shyam");
    // When
    CommandRun add = CommandRun.of("facebank", "add", "--out", out.toString(), "--name", "Shyam",
        gallery.resolve("1.jpg").toString(), gallery.resolve("2.jpg").toString(), gallery.resolve("3.jpeg").toString());
    // Then it is left out, the two stills from the film enrolled (cosines measured: 0.19 against 0.31-0.32)
    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out()).containsPattern("Shyam/1\\.jpg left out: its face .* is unlike Shyam's other photos")
        .contains("2 seeds added for Shyam");
  }

  @Test
  void shouldExplainMistakes() {
    String store = out.toString();
    CommandRun missing = CommandRun.of("facebank", "add", "--out", store, "--name", "A",
        out.resolve("no.jpg").toString());
    assertThat(missing.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(missing.err()).contains("error: not found or not readable").contains("no.jpg");
    CommandRun badName = CommandRun.of("facebank", "list", "--out", store, "--facebank", "../etc");
    assertThat(badName.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(badName.err()).contains("invalid facebank name '../etc'");
    CommandRun none = CommandRun.of("facebank", "remove", "--out", store, "--name", "A");
    assertThat(none.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(none.err()).contains("facebanks/default.json");
    assertThat(CommandRun.of("facebank").exit()).isEqualTo(2); // a subcommand is required
  }
}
