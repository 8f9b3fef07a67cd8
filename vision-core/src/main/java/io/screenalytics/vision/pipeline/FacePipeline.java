package io.screenalytics.vision.pipeline;

import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.FaceDetector;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Detect, align and embed the faces of a still image: cast-facebank enrolment and evaluation on photos.
 * (Video goes through the services, which split these stages across workers.) Owns its detector and embedder;
 * not meant to be shared across threads.
 */
public final class FacePipeline implements AutoCloseable {

  private final FaceDetector detector;
  private final FaceAligner aligner;
  private final FaceEmbedder embedder;

  /** Takes ownership of the detector and the embedder: closing the pipeline closes them. */
  public FacePipeline(FaceDetector detector, FaceAligner aligner, FaceEmbedder embedder) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.aligner = Objects.requireNonNull(aligner, "aligner");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
  }

  /**
   * Opens the given detector (YuNet family) and embedder; on failure nothing stays open.
   *
   * @throws io.screenalytics.vision.model.ModelException when a model is missing, corrupt or cannot be opened
   */
  public static FacePipeline open(ModelLocator locator, ModelSpec detectorSpec, DetectorSettings detectorSettings,
                  ModelSpec embedderSpec, SessionSettings session) {
    OnnxFaceDetector detector = OnnxFaceDetector.yunet(locator, detectorSpec, detectorSettings, session);
    try {
      return new FacePipeline(detector, new FaceAligner(), FaceEmbedder.open(locator, embedderSpec, session));
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
  }

  /** The defaults: YuNet s (score 0.6, 640 px) and fr_feature (512-d). */
  public static FacePipeline openDefault(ModelLocator locator, SessionSettings session) {
    return open(locator, ModelCatalog.defaultDetector(), DetectorSettings.defaults(), ModelCatalog.defaultEmbedder(), session);
  }

  /**
   * The preferred face of the image, embedded.
   *
   * @return empty when no face with landmarks is found
   * @throws io.screenalytics.vision.model.InferenceException when a model fails
   */
  public Optional<FaceEmbedding> embedPrimaryFace(BgrImage image, PrimaryFace choice) {
    Optional<Detection> best = detector.detect(image).stream().filter(Detection::hasLandmarks).max(choice.order());
    return best.map(d -> {
      byte[] crop = aligner.align(image, d.landmarks());
      return new FaceEmbedding(d, crop, embedder.embed(crop));
    });
  }

  /** {@link #embedPrimaryFace(BgrImage, PrimaryFace)} choosing the {@link PrimaryFace#LARGEST} face. */
  public Optional<FaceEmbedding> embedPrimaryFace(BgrImage image) {
    return embedPrimaryFace(image, PrimaryFace.LARGEST);
  }

  /** Every face of the image with landmarks, highest detector score first, embedded in one batch. */
  public List<FaceEmbedding> embedAll(BgrImage image) {
    List<Detection> faces = detector.detect(image).stream().filter(Detection::hasLandmarks).toList();
    List<byte[]> crops = aligner.alignAll(image, faces.stream().map(Detection::landmarks).toList());
    float[][] vectors = embedder.embed(crops);
    List<FaceEmbedding> out = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) out.add(new FaceEmbedding(faces.get(i), crops.get(i), vectors[i]));
    return out;
  }

  /** The detector in use. */
  public FaceDetector detector() {
    return detector;
  }

  /** The embedder in use. */
  public FaceEmbedder embedder() {
    return embedder;
  }

  /** Closes the embedder and the detector. */
  @Override public void close() {
    try {
      embedder.close();
    } finally {
      detector.close();
    }
  }
}
