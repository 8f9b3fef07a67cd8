package io.screenalytics.embed.facebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.embed.testing.RealFaces;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.SessionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facebank JSON, cast matching and the per-episode cache, on embeddings of real photos. */
class FacebankTest {

  private static FaceEmbedder embedder;
  private static float[] obamaSeed;
  private static float[] obamaSeed2;
  private static float[] bidenSeed;
  private static float[] obamaProbe;
  private static float[] bidenProbe;
  private static float[] linProbe;

  @TempDir
  Path dir;

  @BeforeAll
  static void embedRealFaces() {
    embedder = FaceEmbedder.open(RealFaces.models(), ModelCatalog.FR_FEATURE, SessionSettings.cpu(2));
    String knn = "faces/face_recognition/examples/knn_examples/train/";
    obamaSeed = embed(knn + "obama/obama.jpg");
    obamaSeed2 = embed(knn + "obama/obama2.jpg");
    bidenSeed = embed(knn + "biden/biden.jpg");
    obamaProbe = embed("faces/face_recognition/examples/obama-1080p.jpg");
    bidenProbe = embed(knn + "biden/biden2.jpg");
    linProbe = embed("faces/face_recognition/examples/lin-manuel-miranda.png");
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Test
  void shouldNameRealFacesAfterTheirCastMemberAndLeaveStrangersUnnamed() throws IOException {
    // Given a facebank with Obama (2 seeds) and Biden, plus a seed of another model that must be ignored
    CastFacebank bank = FacebankReader.parse(json(), "fr_feature", 0.42);
    assertThat(bank.seedCount()).isEqualTo(3);
    assertThat(bank.people()).containsExactly("Barack Obama", "Joe Biden");

    // Then other photos of them match their own name, and a person not in the cast matches nobody
    CastMatch obama = bank.match(obamaProbe).orElseThrow();
    CastMatch biden = bank.match(bidenProbe).orElseThrow();
    CastMatch lin = bank.match(linProbe).orElseThrow();
    assertThat(obama.name()).isEqualTo("Barack Obama");
    assertThat(obama.matched()).as("similarity %s", obama.similarity()).isTrue();
    assertThat(biden.name()).isEqualTo("Joe Biden");
    assertThat(biden.matched()).as("similarity %s", biden.similarity()).isTrue();
    assertThat(lin.matched()).as("similarity %s", lin.similarity()).isFalse();
    assertThat(lin.similarity()).isLessThan(obama.similarity());
  }

  @Test
  void shouldRejectMalformedFacebanks() {
    assertThatThrownBy(() -> FacebankReader.parse(jsonText().replace("\"schema_version\": 1", "\"schema_version\": 2")
        .getBytes(StandardCharsets.UTF_8), "fr_feature", 0.4)).isInstanceOf(IOException.class)
        .hasMessageContaining("schema_version 2");
    String badDims = "{\"schema_version\": 1, \"people\": [{\"name\": \"X\", \"seeds\": [{\"source_photo\": \"x.jpg\","
        + " \"model\": \"fr_feature\", \"dims\": 3, \"embedding\": [1.0, 2.0]}]}]}";
    assertThatThrownBy(() -> FacebankReader.parse(badDims.getBytes(StandardCharsets.UTF_8), "fr_feature", 0.4))
        .isInstanceOf(IOException.class).hasMessageContaining("dims 3");
    assertThatThrownBy(() -> FacebankReader.parse("{".getBytes(StandardCharsets.UTF_8), "fr_feature", 0.4))
        .isInstanceOf(IOException.class);
  }

  @Test
  void shouldReadStoreKeysAndPathsOncePerEpisodeAndSurviveBadLocations() throws IOException {
    // Given a facebank in a local artifact store and the same file at a path
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"));
    store.put("facebanks/cast.json", json());
    Path file = Files.write(dir.resolve("cast.json"), json());
    FacebankCache cache = new FacebankCache(store, "fr_feature", 0.42);

    // Then both locations give the cast, an absent or broken facebank gives an empty one (no exception)
    assertThat(cache.forEpisode("ep1", "facebanks/cast.json").seedCount()).isEqualTo(3);
    assertThat(cache.forEpisode("ep1", file.toString()).seedCount()).isEqualTo(3);
    assertThat(cache.forEpisode("ep1", file.toUri().toString()).seedCount()).isEqualTo(3);
    assertThat(cache.forEpisode("ep1", "facebanks/missing.json").seedCount()).isZero();
    assertThat(cache.forEpisode("ep1", null).match(obamaProbe)).isEmpty();

    // When enrolment rewrites the key with Biden only
    store.put("facebanks/cast.json", FacebankJsonFixture.of("Joe Biden", bidenSeed));

    // Then the running episode keeps the facebank it started with, a new episode sees the new one
    assertThat(cache.forEpisode("ep1", "facebanks/cast.json").seedCount()).isEqualTo(3);
    assertThat(cache.forEpisode("ep2", "facebanks/cast.json").people()).containsExactly("Joe Biden");
  }

  private static byte[] json() {
    return jsonText().getBytes(StandardCharsets.UTF_8);
  }

  private static String jsonText() {
    return "{\"schema_version\": 1, \"people\": ["
        + "{\"name\": \"Barack Obama\", \"seeds\": [" + seed("obama.jpg", "fr_feature", obamaSeed) + ", "
        + seed("obama2.jpg", "fr_feature", obamaSeed2) + ", " + seed("obama.jpg", "mobilefacenet", new float[128])
        + "]}, {\"name\": \"Joe Biden\", \"seeds\": [" + seed("biden.jpg", "fr_feature", bidenSeed) + "]}]}";
  }

  private static String seed(String photo, String model, float[] v) {
    return FacebankJsonFixture.seed(photo, model, v);
  }

  private static float[] embed(String photo) {
    return embedder.embed(RealFaces.primary(photo).crop());
  }

  /** Writes facebank JSON in the enrolment format. */
  static final class FacebankJsonFixture {
    static String seed(String photo, String model, float[] v) {
      String values = Arrays.stream(box(v)).map(String::valueOf).collect(Collectors.joining(", "));
      return "{\"source_photo\": \"" + photo + "\", \"model\": \"" + model + "\", \"dims\": " + v.length
          + ", \"embedding\": [" + values + "]}";
    }

    static byte[] of(String name, float[] v) {
      return ("{\"schema_version\": 1, \"people\": [{\"name\": \"" + name + "\", \"seeds\": ["
          + seed(name + ".jpg", "fr_feature", v) + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Float[] box(float[] v) {
      Float[] out = new Float[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i];
      }
      return out;
    }
  }
}
