package io.screenalytics.launcher.eval;

import io.screenalytics.vision.pipeline.FacePipeline;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The built-in checks on the labelled photos of {@code shared/faces} ({@code shared/media/MEDIA.md}):
 * verification on deepface's pairs ({@code deepface/master.csv}: 38 same, 262 different) and on
 * face_recognition's k-NN pairs ({@code face_recognition/examples/knn_examples/pairs.csv}), and facebank
 * identification of face_recognition's k-NN test photos. Every photo goes through {@link FacePipeline}
 * (detector, ArcFace alignment, embedder), each photo once. Not thread-safe.
 */
public final class FaceEvaluation {

  /** Deepface pairs, relative to the faces folder. */
  public static final String DEEPFACE_PAIRS = "deepface/master.csv";
  /** The k-NN folder, relative to the faces folder. */
  public static final String KNN_FOLDER = "face_recognition/examples/knn_examples";

  /**
   * All figures.
   *
   * @param deepface       verification on deepface's pairs
   * @param knnPairs       verification on the k-NN folder's pairs
   * @param identification identification of the k-NN test photos
   * @param model          embedder model name
   * @param seconds        wall time, seconds
   */
  public record Report(VerificationEval.Result deepface, VerificationEval.Result knnPairs,
      IdentificationEval.Result identification, String model, double seconds) {

    /** Every figure, for the console. */
    public String format() {
      return deepface.format() + knnPairs.format() + identification.format()
          + String.format(java.util.Locale.ROOT, "embedder %s; %.1f s%n", model, seconds);
    }
  }

  private FaceEvaluation() {}

  /**
   * Runs every check.
   *
   * @param faces          the {@code shared/faces} folder
   * @param matchThreshold cosine at which a probe takes a cast member's name (the episode setting
   *                       {@code assembly.facebank.min.similarity})
   * @throws java.nio.file.NoSuchFileException when a listed file is missing
   * @throws IOException when a list is malformed
   * @throws io.screenalytics.vision.model.InferenceException when a model fails
   */
  public static Report run(Path faces, FacePipeline pipeline, double matchThreshold) throws IOException {
    long t0 = System.nanoTime();
    VerificationEval.Result deepface =
        VerificationEval.run(faces.resolve(DEEPFACE_PAIRS), new PhotoEmbeddings(pipeline));
    PhotoEmbeddings knnPhotos = new PhotoEmbeddings(pipeline);
    VerificationEval.Result knn = VerificationEval.run(faces.resolve(KNN_FOLDER).resolve("pairs.csv"), knnPhotos);
    IdentificationEval.Result id = IdentificationEval.run(faces.resolve(KNN_FOLDER), knnPhotos, matchThreshold);
    return new Report(deepface, knn, id, knnPhotos.model(), (System.nanoTime() - t0) / 1e9);
  }
}
