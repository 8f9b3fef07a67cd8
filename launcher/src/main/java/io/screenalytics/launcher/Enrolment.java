package io.screenalytics.launcher;

import io.screenalytics.identities.facebank.CastEnrolment;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.vision.pipeline.FacePipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one enrolment path of the command line: {@code facebank add} and {@code run --cast} both embed photos
 * through {@link FacePipelines#open(Settings)}, so {@code embed.model} (and {@code models.dir}) choose the embedder
 * of the seeds exactly as they choose the embed service's, and seeds live in the episodes' embedding space.
 */
final class Enrolment {

  private Enrolment() {}

  /**
   * Enrols photos of one person into the store facebank {@code bank} ({@link FacebankLibrary#add}).
   *
   * @throws IOException when a photo or the store cannot be read or written
   * @throws io.screenalytics.vision.model.ModelException when a model is missing or corrupt
   * @throws java.util.NoSuchElementException when {@code embed.model} names no bundled model
   */
  static FacebankLibrary.Added person(Settings settings, ArtifactStore store, String bank, String person,
      List<Path> photos) throws IOException {
    try (FacePipeline pipeline = FacePipelines.open(settings)) {
      return new FacebankLibrary(store).add(bank, person, photos, pipeline);
    }
  }

  /**
   * Enrols a cast into the store facebank {@code bank} ({@link FacebankLibrary#enrolCast}).
   *
   * @throws IOException when a photo or the store cannot be read or written
   * @throws io.screenalytics.vision.model.ModelException when a model is missing or corrupt
   * @throws java.util.NoSuchElementException when {@code embed.model} names no bundled model
   */
  static FacebankLibrary.CastEnrolled cast(Settings settings, ArtifactStore store, String bank,
      List<CastEnrolment.CastPhoto> photos) throws IOException {
    try (FacePipeline pipeline = FacePipelines.open(settings)) {
      return new FacebankLibrary(store).enrolCast(bank, photos, pipeline);
    }
  }
}
