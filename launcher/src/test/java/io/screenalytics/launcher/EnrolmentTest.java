package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.facebank.CastEnrolment;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --cast} and {@code facebank add} enrol through {@link Enrolment} with the embedder {@code embed.model}
 * names, on real photos and the real models, into a local store (no cluster, no pipeline).
 */
class EnrolmentTest {

  @TempDir Path out;

  @Test
  void shouldEnrolACastAndAPersonWithTheEmbedderOfEmbedModel() throws Exception {
    // Given settings choosing MobileFaceNet (128-d) instead of the default fr_feature (512-d)
    Settings settings = Settings.of(Map.of("store.root", out.toString(), "embed.model", "mobilefacenet"));
    Path photos = FacebankCommandIT.PHOTOS;
    try (ArtifactStore store = ArtifactStores.open(settings.asMap())) {
      // When the cast path (run --cast) and the person path (facebank add) enrol
      FacebankLibrary.CastEnrolled cast = Enrolment.cast(settings, store, "cast",
          List.of(new CastEnrolment.CastPhoto("Barack Obama", photos.resolve("obama.jpg"))), false);
      FacebankLibrary.Added added = Enrolment.person(settings, store, "cast", "Joe Biden",
          List.of(photos.resolve("biden.jpg")), false);

      // Then every seed of the stored facebank is a MobileFaceNet seed
      Facebank stored = new FacebankLibrary(store).find("cast").orElseThrow();
      assertThat(cast.enrolment().facebank().seedCount()).isEqualTo(1);
      assertThat(added.seeds()).hasSize(1);
      assertThat(stored.names()).containsExactlyInAnyOrder("Barack Obama", "Joe Biden");
      for (String person : stored.names()) {
        assertThat(stored.seeds(person)).singleElement().satisfies(s -> {
          assertThat(s.model()).isEqualTo("mobilefacenet");
          assertThat(s.embedding()).hasSize(128);
        });
      }
    }
  }

  @Test
  void shouldEnrolACastWithTheDefaultEmbedderWithoutTheSetting() throws Exception {
    Settings settings = Settings.of(Map.of("store.root", out.toString()));
    try (ArtifactStore store = ArtifactStores.open(settings.asMap())) {
      FacebankLibrary.CastEnrolled cast = Enrolment.cast(settings, store, "cast",
          List.of(new CastEnrolment.CastPhoto("Joe Biden", FacebankCommandIT.PHOTOS.resolve("biden.jpg"))), false);

      FacebankSeed seed = cast.facebank().seeds("Joe Biden").get(0);
      assertThat(seed.model()).isEqualTo("fr_feature");
      assertThat(seed.embedding()).hasSize(512);
    }
  }
}
