package io.screenalytics.embed.testing;

import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.FaceQuality;
import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.quality.CropQuality;
import io.screenalytics.vision.quality.QualityMeasures;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Real faces for tests: the photos of {@code ../shared/faces} (directory from the system property
 * {@code screenalytics.shared}, set by the parent pom), detected with YuNet and aligned to 112x112 as detect-track
 * does, with the same quality measures. Missing data fails the test.
 */
public final class RealFaces {

  /** One detected, aligned face of a photo. */
  public record Face(String photo, byte[] crop, float detScore, CropQuality quality, float[] bbox,
      float[] landmarks) {

    /** As detect-track publishes it. */
    public DetectedFace toDetected(String faceId, int trackId) {
      return detected(faceId, trackId, crop, detScore, quality, bbox, landmarks);
    }
  }

  private RealFaces() {}

  /** The shared directory. */
  public static Path shared() {
    String prop = System.getProperty("screenalytics.shared");
    Path dir = prop == null || prop.isBlank() ? Paths.get("..", "shared") : Paths.get(prop);
    if (!Files.isDirectory(dir.resolve("models"))) {
      throw new AssertionError("shared test data not found at " + dir.toAbsolutePath());
    }
    return dir.toAbsolutePath().normalize();
  }

  /** A locator on {@code shared/models}. */
  public static ModelLocator models() {
    return ModelLocator.at(shared().resolve("models"));
  }

  /** Every face with landmarks in the given photos (paths under {@code shared/}), in photo order. */
  public static List<Face> of(List<String> photos) {
    List<Face> out = new ArrayList<>();
    FaceAligner aligner = new FaceAligner();
    try (OnnxFaceDetector detector = OnnxFaceDetector.yunet(models(), ModelCatalog.YUNET_S_DYNAMIC,
        DetectorSettings.defaults(), SessionSettings.cpu(2))) {
      for (String p : photos) {
        Path file = shared().resolve(p);
        if (!Files.isRegularFile(file)) {
          throw new AssertionError("shared test file missing: " + file);
        }
        BgrImage image = ImageOps.read(file);
        for (Detection d : detector.detect(image)) {
          if (d.hasLandmarks()) {
            byte[] crop = aligner.align(image, d.landmarks());
            out.add(new Face(p, crop, d.score(), QualityMeasures.measure(crop, 112, 112), d.bboxXyxy(),
                d.landmarks()));
          }
        }
      }
    }
    return out;
  }

  /** The largest face of one photo. */
  public static Face primary(String photo) {
    return of(List.of(photo)).stream()
        .max((a, b) -> Float.compare(area(a.bbox()), area(b.bbox())))
        .orElseThrow(() -> new AssertionError("no face in " + photo));
  }

  /** The deepface photos {@code img1.jpg .. img67.jpg} that exist, as paths under {@code shared/}. */
  public static List<String> deepfacePhotos() {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= 67; i++) {
      String p = "faces/deepface/img" + i + ".jpg";
      if (Files.isRegularFile(shared().resolve(p))) {
        out.add(p);
      }
    }
    return out;
  }

  /** A face record as detect-track publishes it. */
  public static DetectedFace detected(String faceId, int trackId, byte[] crop, float detScore, CropQuality q,
      float[] bbox, float[] landmarks) {
    return DetectedFace.newBuilder()
        .setFaceId(faceId)
        .setTrackId(trackId)
        .setBboxXyxy(AvroValues.floatList(bbox))
        .setLandmarks(AvroValues.floatList(landmarks))
        .setDetScore(detScore)
        .setQuality(new FaceQuality(q.contrast(), q.blur()))
        .setCropWidth(112)
        .setCropHeight(112)
        .setCrop(ByteBuffer.wrap(crop))
        .build();
  }

  private static float area(float[] b) {
    return (b[2] - b[0]) * (b[3] - b[1]);
  }
}
