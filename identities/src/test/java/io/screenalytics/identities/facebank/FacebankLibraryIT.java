package io.screenalytics.identities.facebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.store.testing.InProcessS3;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.pipeline.FacePipeline;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facebank editing on real photos ({@code shared/faces}) through the real detector and embedder. */
class FacebankLibraryIT {

  static final Path PHOTOS = Path.of(System.getProperty("screenalytics.shared", "../../shared"),
      "faces/face_recognition/examples");

  static FacePipeline pipeline;

  @TempDir Path root;

  @BeforeAll
  static void open() {
    pipeline = FacePipeline.openDefault(ModelLocator.resolve(null), SessionSettings.cpu(2));
  }

  @AfterAll
  static void close() {
    pipeline.close();
  }

  @Test
  void shouldEnrolPeopleWithTheirPhotosIdempotently() throws Exception {
    // Given
    LocalArtifactStore store = new LocalArtifactStore(root);
    FacebankLibrary library = new FacebankLibrary(store);
    Path obama = PHOTOS.resolve("obama.jpg");
    Path obama2 = PHOTOS.resolve("obama2.jpg");
    // When
    FacebankLibrary.Added first = library.add("cast", "Barack Obama", List.of(obama, obama2), pipeline);
    FacebankLibrary.Added again = library.add("cast", "Barack Obama", List.of(obama), pipeline);
    library.add("cast", "Joe Biden", List.of(PHOTOS.resolve("biden.jpg")), pipeline);
    // Then each photo is one seed of the embedder's model, its source the stored copy of the photo
    assertThat(first.seeds()).hasSize(2);
    assertThat(again.seeds()).hasSize(1);
    Facebank bank = library.find("cast").orElseThrow();
    assertThat(bank.names()).containsExactly("Barack Obama", "Joe Biden");
    List<FacebankSeed> seeds = bank.seeds("Barack Obama");
    assertThat(seeds).hasSize(2).allSatisfy(s -> {
      assertThat(s.model()).isEqualTo("fr_feature");
      assertThat(s.embedding()).hasSize(512);
      assertThat(s.sourcePhoto()).matches("facebanks/cast/photos/[0-9a-f]{12}_obama2?\\.jpg");
    });
    assertThat(store.require(seeds.get(0).sourcePhoto())).isEqualTo(Files.readAllBytes(obama));
    assertThat(library.names()).containsExactly("cast");
    // and the seeds are faces of the right people: same person close, different people apart
    float[] biden = bank.seeds("Joe Biden").get(0).embedding();
    assertThat(Embeddings.dot(seeds.get(0).embedding(), seeds.get(1).embedding())).isGreaterThan(0.5);
    assertThat(Embeddings.dot(seeds.get(0).embedding(), biden)).isLessThan(0.4);
  }

  @Test
  void shouldNameRealFacesAfterTheirCastMemberAndLeaveStrangersUnnamed() throws Exception {
    // Given a facebank with Obama (2 seeds) and Biden, plus a seed of another model that must be ignored
    String knn = "knn_examples/train/";
    Facebank bank = Facebank.builder()
        .add("Barack Obama", seed(knn + "obama/obama.jpg")).add("Barack Obama", seed(knn + "obama/obama2.jpg"))
        .add("Barack Obama", new FacebankSeed(new float[128], "obama.jpg", "mobilefacenet"))
        .add("Joe Biden", seed(knn + "biden/biden.jpg")).build();
    FacebankMatcher matcher = new FacebankMatcher(bank, "fr_feature", MatchingConfig.defaults());
    assertThat(matcher.usableSeeds()).isEqualTo(3);

    // When other photos of them, and of a person not in the cast, are matched face by face
    SeedMatch obama = matcher.matchFace(seed("obama-1080p.jpg").embedding()).orElseThrow();
    SeedMatch biden = matcher.matchFace(seed(knn + "biden/biden2.jpg").embedding()).orElseThrow();
    SeedMatch lin = matcher.matchFace(seed("lin-manuel-miranda.png").embedding()).orElseThrow();

    // Then they take their own cast id at the per-face threshold and the stranger takes none
    assertThat(obama.castId()).as("similarity %s", obama.similarity()).isEqualTo("barack_obama");
    assertThat(biden.castId()).as("similarity %s", biden.similarity()).isEqualTo("joe_biden");
    assertThat(lin.castId()).as("similarity %s", lin.similarity()).isNull();
    assertThat(lin.similarity()).isLessThan(obama.similarity());
  }

  /** The seed of one photo of {@link #PHOTOS}, through the episode's detect-align-embed path. */
  private static FacebankSeed seed(String photo) throws Exception {
    byte[] bytes = Files.readAllBytes(PHOTOS.resolve(photo));
    return CastEnrolment.seed(ImageOps.decode(bytes), photo, pipeline).orElseThrow();
  }

  @Test
  void shouldKeepFacebanksAndTheirPhotosInABucket() throws Exception {
    try (InProcessS3 s3 = InProcessS3.start()) {
      s3.createBucket("casts");
      try (ArtifactStore store = ArtifactStores.open(s3.settings("casts", "shows/hamilton"))) {
        FacebankLibrary library = new FacebankLibrary(store);
        library.add("main", "Barack Obama", List.of(PHOTOS.resolve("obama.jpg")), pipeline);
        library.add("guests", "Joe Biden", List.of(PHOTOS.resolve("biden.jpg")), pipeline);
        assertThat(library.names()).containsExactly("guests", "main");
        String photo = library.find("main").orElseThrow().seeds("Barack Obama").get(0).sourcePhoto();
        assertThat(ArtifactStores.uri(store, photo)).startsWith("s3://casts/shows/hamilton/facebanks/main/photos/");
        assertThat(store.require(photo)).isEqualTo(Files.readAllBytes(PHOTOS.resolve("obama.jpg")));
        // the service loads it by its key, as the episode request names it
        assertThat(Facebanks.load(store, Facebanks.location("main")).names()).containsExactly("Barack Obama");
        assertThat(library.remove("main", "Barack Obama", Optional.empty())).isEqualTo(1);
        assertThat(store.list("facebanks/main/")).isEmpty();
      }
    }
  }

  @Test
  void shouldSkipPhotosWithoutAFaceAndRefuseMissingOnes() throws Exception {
    FacebankLibrary library = new FacebankLibrary(new LocalArtifactStore(root));
    Path blank = root.resolve("wall.png");
    ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
    FacebankLibrary.Added added = library.add("cast", "Nobody", List.of(blank), pipeline);
    assertThat(added.seeds()).isEmpty();
    assertThat(added.photosWithoutFace()).containsExactly(blank);
    assertThat(added.facebank().names()).isEmpty();
    assertThatThrownBy(() -> library.add("cast", "Joe Biden", List.of(PHOTOS.resolve("biden.jpg"),
        root.resolve("missing.jpg")), pipeline)).isInstanceOf(NoSuchFileException.class);
    assertThat(library.find("cast").orElseThrow().names()).isEmpty();
    assertThatThrownBy(() -> library.add("../x", "A", List.of(blank), pipeline))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRemoveAPhotoOrAPersonWithTheirStoredPhotos() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(root);
    FacebankLibrary library = new FacebankLibrary(store);
    library.add("cast", "Barack Obama", List.of(PHOTOS.resolve("obama.jpg"), PHOTOS.resolve("obama2.jpg")), pipeline);
    library.add("cast", "Joe Biden", List.of(PHOTOS.resolve("biden.jpg")), pipeline);

    assertThat(library.remove("cast", "Barack Obama", Optional.of("obama2.jpg"))).isEqualTo(1);
    assertThat(library.find("cast").orElseThrow().seeds("Barack Obama")).singleElement()
        .extracting(FacebankSeed::sourcePhoto).asString().endsWith("_obama.jpg");
    assertThat(library.remove("cast", "Joe Biden", Optional.empty())).isEqualTo(1);
    assertThat(library.remove("cast", "Joe Biden", Optional.empty())).isZero();
    assertThat(library.find("cast").orElseThrow().names()).containsExactly("Barack Obama");
    assertThat(store.list("facebanks/cast/photos/")).singleElement().asString().endsWith("_obama.jpg");
    assertThatThrownBy(() -> library.remove("other", "A", Optional.empty())).isInstanceOf(NoSuchFileException.class);
  }
}
