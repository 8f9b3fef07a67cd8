package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
