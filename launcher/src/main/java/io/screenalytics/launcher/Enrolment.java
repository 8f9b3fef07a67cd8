package io.screenalytics.launcher;

import io.screenalytics.identities.facebank.CastEnrolment;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.facebank.PhotoCheck;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.vision.pipeline.FacePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one enrolment path of the command line: {@code facebank add} and {@code run --cast} both embed photos
 * through {@link FacePipelines#open(Settings)}, so {@code embed.model} (and {@code models.dir}) choose the embedder
 * of the seeds exactly as they choose the embed service's, and seeds live in the episodes' embedding space.
 */
final class Enrolment {

  private Enrolment() {}

  /**
   * Enrols photos of one person into the store facebank {@code bank} ({@link FacebankLibrary#add}); doubtful photos
   * ({@link PhotoCheck}) only when {@code insist}.
   *
   * @throws IOException when a photo or the store cannot be read or written
   * @throws io.screenalytics.vision.model.ModelException when a model is missing or corrupt
   * @throws java.util.NoSuchElementException when {@code embed.model} names no bundled model
   */
  static FacebankLibrary.Added person(Settings settings, ArtifactStore store, String bank, String person,
      List<Path> photos, boolean insist) throws IOException {
    try (FacePipeline pipeline = FacePipelines.open(settings)) {
      return new FacebankLibrary(store).add(bank, person, photos, pipeline, insist);
    }
  }

  /**
   * Enrols a cast into the store facebank {@code bank} ({@link FacebankLibrary#enrolCast}); doubtful photos
   * ({@link PhotoCheck}) only when {@code insist}.
   *
   * @throws IOException when a photo or the store cannot be read or written
   * @throws io.screenalytics.vision.model.ModelException when a model is missing or corrupt
   * @throws java.util.NoSuchElementException when {@code embed.model} names no bundled model
   */
  static FacebankLibrary.CastEnrolled cast(Settings settings, ArtifactStore store, String bank,
      List<CastEnrolment.CastPhoto> photos, boolean insist) throws IOException {
    try (FacePipeline pipeline = FacePipelines.open(settings)) {
      return new FacebankLibrary(store).enrolCast(bank, photos, pipeline, insist);
    }
  }

  /** One line on a doubtful photo ({@link PhotoCheck}): {@code photo of PERSON left out: REASON}. */
  static String describe(PhotoCheck.Checked c) {
    return String.format(Locale.ROOT, "cast photo %s %s: %s%s", c.photo().photo(), c.enrolled() ? "taken" : "left out",
        c.reason(), c.enrolled() ? "" : " (--insist takes it)");
  }
}
