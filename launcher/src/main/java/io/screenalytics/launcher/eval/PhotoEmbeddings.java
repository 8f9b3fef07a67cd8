package io.screenalytics.launcher.eval;

import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.pipeline.FaceEmbedding;
import io.screenalytics.vision.pipeline.FacePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Embeddings of photos through {@link FacePipeline}, each photo computed once. Not thread-safe (the
 * pipeline is not).
 */
final class PhotoEmbeddings {

  private final FacePipeline pipeline;
  private final Map<Path, Optional<float[]>> primary = new HashMap<>();

  PhotoEmbeddings(FacePipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * The largest face of the photo, embedded ({@code float[D]}, unit length), or empty when no face is found.
   *
   * @throws NoSuchFileException when the photo does not exist
   */
  Optional<float[]> primary(Path photo) throws IOException {
    Path key = photo.toAbsolutePath().normalize();
    Optional<float[]> cached = primary.get(key);
    if (cached == null) {
      cached = pipeline.embedPrimaryFace(ImageOps.read(existing(key))).map(FaceEmbedding::embedding);
      primary.put(key, cached);
    }
    return cached;
  }

  /** Every face of the photo with landmarks, embedded, highest detector score first. */
  List<FaceEmbedding> all(Path photo) throws IOException {
    return pipeline.embedAll(ImageOps.read(existing(photo)));
  }

  /** The embedder's model name. */
  String model() {
    return pipeline.embedder().spec().name();
  }

  /** Number of distinct photos embedded so far. */
  int photos() {
    return primary.size();
  }

  private static Path existing(Path photo) throws NoSuchFileException {
    if (!Files.isRegularFile(photo)) {
      throw new NoSuchFileException(photo.toString(), null, "photo not found");
    }
    return photo;
  }
}
