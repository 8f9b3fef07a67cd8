package io.screenalytics.bench.embed;

import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.VideoSource;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real aligned faces for the embed benchmark, found as detect-track finds them: YuNet s at 640 px, faces at least
 * 90 px tall at 1080p (scaled by frame height), ArcFace 5-point alignment to 112x112, quality measured on the crop.
 */
public final class BenchFaces {

  /** One aligned face. */
  public record Face(String source, byte[] crop, float detScore, CropQuality quality) {}

  /** The faces of one sampled video frame (possibly none). */
  public record Frame(String video, long frameIdx, List<Face> faces) {}

  private BenchFaces() {}

  /**
   * Faces of every video under {@code videoDir}, one frame in {@code stride}, in file-name order: an "episode" of
   * real footage (talking heads, a TV clip, a crowd).
   */
  public static List<Frame> fromVideos(ModelLocator models, Path videoDir, int stride) throws IOException {
    List<Path> videos;
    try (Stream<Path> s = Files.list(videoDir)) {
      videos = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
    }
    List<Frame> out = new ArrayList<>();
    FaceAligner aligner = new FaceAligner();
    try (OnnxFaceDetector detector = detector(models)) {
      for (Path video : videos) {
        try (VideoSource source = VideoSource.open(video.toString(), 1)) {
          long index = 0;
          for (DecodedFrame f; (f = source.nextFrame()) != null; index++) {
            if (index % stride != 0) {
              continue;
            }
            BgrImage image = new BgrImage(f.width(), f.height(), f.bgrCopy());
            out.add(new Frame(video.getFileName().toString(), f.frameIdx(),
                faces(detector, aligner, image, video.getFileName().toString(), 90.0 * f.height() / 1080)));
          }
        }
      }
    }
    return out;
  }

  /** The faces of photos (paths), any size. */
  public static List<Face> fromPhotos(ModelLocator models, List<Path> photos) {
    List<Face> out = new ArrayList<>();
    FaceAligner aligner = new FaceAligner();
    try (OnnxFaceDetector detector = detector(models)) {
      for (Path p : photos) {
        out.addAll(faces(detector, aligner, ImageOps.read(p), p.getFileName().toString(), 0));
      }
    }
    return out;
  }

  private static List<Face> faces(OnnxFaceDetector detector, FaceAligner aligner, BgrImage image, String source,
      double minHeight) {
    List<Face> out = new ArrayList<>();
    for (Detection d : detector.detect(image)) {
      if (d.hasLandmarks() && d.height() >= minHeight) {
        byte[] crop = aligner.align(image, d.landmarks());
        out.add(new Face(source, crop, d.score(), QualityMeasures.measure(crop, 112, 112)));
      }
    }
    return out;
  }

  private static OnnxFaceDetector detector(ModelLocator models) {
    return OnnxFaceDetector.yunet(models, ModelCatalog.YUNET_S_DYNAMIC, DetectorSettings.defaults(),
        SessionSettings.cpu(2));
  }
}
