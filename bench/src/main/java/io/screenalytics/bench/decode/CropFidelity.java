package io.screenalytics.bench.decode;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.vision.image.PixelFormat;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.decoder.publish.EncodedFrame;
import io.screenalytics.decoder.publish.FrameEncoder;
import io.screenalytics.decoder.publish.Rotation;
import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How much a published frame's scale and JPEG quality cost the embedder, on real faces. Downstream, the
 * detect-track service aligns face crops (ArcFace template, 112x112) from the published image, so the
 * published scale bounds how sharp a crop can be.
 *
 * <p>Method: faces of a real 1080p clip are found with the default detector (YuNet). Each face is made a
 * 1080p "source" frame where it is {@code faceHeight} pixels tall (the whole frame scaled with area
 * averaging, as a wider shot would film it, centred on a 1920x1080 grey canvas), and the source frames are
 * stored as a lossless video. The reference is the embedding (default embedder) of the crop aligned from the
 * source frame decoded at source size, without JPEG: the best the pipeline could do. Each candidate decodes
 * the video as the decoder does with its cap, encodes with the decoder's own {@link FrameEncoder}, decodes
 * the JPEG as detect-track does, aligns the crop with the same landmarks mapped to the published scale
 * (isolating image loss from detector noise) and embeds it; the score is the cosine similarity to the
 * reference (1 = no loss).
 */
public final class CropFidelity implements AutoCloseable {

  /**
   * One candidate's scores.
   *
   * @param path the long-side cap and how the frame was scaled
   * @param quality JPEG quality
   * @param facePx face height in the published image, pixels
   * @param meanCosine mean cosine similarity to the reference over the faces
   * @param minCosine lowest cosine similarity
   */
  public record Score(String path, int quality, double facePx, double meanCosine, double minCosine) {
  }

  private static final int SOURCE_WIDTH = 1920;
  private static final int SOURCE_HEIGHT = 1080;

  private final OnnxFaceDetector detector;
  private final FaceEmbedder embedder;
  private final FaceAligner aligner = new FaceAligner();

  private CropFidelity(OnnxFaceDetector detector, FaceEmbedder embedder) {
    this.detector = detector;
    this.embedder = embedder;
  }

  /** Opens the default detector and embedder (one thread each) from the models directory. */
  public static CropFidelity open() {
    ModelLocator models = ModelLocator.fromEnvironment();
    SessionSettings session = SessionSettings.cpu(1);
    OnnxFaceDetector detector = OnnxFaceDetector.yunet(models, ModelCatalog.defaultDetector(),
        DetectorSettings.defaults(), session);
    try {
      return new CropFidelity(detector, FaceEmbedder.open(models, ModelCatalog.defaultEmbedder(), session));
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
  }

  /** A real frame with its largest detected face. */
  public record Face(BgrImage frame, Detection detection) {
  }

  /** The largest face of every {@code every}-th frame of a clip (frames without a face are skipped). */
  public List<Face> faces(Path clip, int every) {
    List<Face> faces = new ArrayList<>();
    try (FrameSampler frames = FrameSampler.open(clip.toString(),
        new DecodeSettings(every, SamplingPolicy.EXACT_STRIDE, 1))) {
      while (frames.hasNext()) {
        DecodedFrame f = frames.next();
        BgrImage image = new BgrImage(f.width(), f.height(), f.bgrCopy());
        Optional<Detection> largest = detector.detect(image).stream().filter(Detection::hasLandmarks)
            .max(Comparator.comparingDouble(Detection::height));
        largest.ifPresent(d -> faces.add(new Face(image, d)));
      }
    }
    return faces;
  }

  /**
   * Scores each candidate {@code (caps[i], qualities[j])} on {@code faces}, each face rescaled to be
   * {@code faceHeight} pixels tall in a 1080p source frame (or left as filmed when {@code faceHeight <= 0}),
   * through the decoder's own path: the source frames are written losslessly (FFV1, yuv420p like broadcast
   * sources) and decoded with the cap (swscale area scaling during conversion), then encoded by the
   * {@link FrameEncoder}, from BGR (OpenCV's encoder) and from YUV (FFmpeg's MJPEG encoder, rows labelled
   * {@code yuv}). One extra row per quality scales with OpenCV {@code INTER_AREA} from the source-size frame
   * instead, for comparison.
   *
   * @param work directory for the lossless video
   */
  public List<Score> score(List<Face> faces, double faceHeight, int[] caps, int[] qualities, Path work)
      throws Exception {
    List<BgrImage> sources = new ArrayList<>();
    List<float[]> landmarks = new ArrayList<>();
    double sourceFace = 0;
    for (Face face : faces) {
      double scale = faceHeight > 0 ? Math.min(1.0, faceHeight / face.detection().height()) : 1.0;
      int w = (int) Math.round(face.frame().width() * scale);
      int h = (int) Math.round(face.frame().height() * scale);
      int x0 = (SOURCE_WIDTH - w) / 2;
      int y0 = (SOURCE_HEIGHT - h) / 2;
      sources.add(scale == 1.0 ? face.frame() : canvas(ImageOps.resize(face.frame(), w, h), x0, y0));
      float[] lm = face.detection().landmarks().clone();
      for (int i = 0; i < lm.length; i += 2) {
        lm[i] = scale == 1.0 ? lm[i] : (float) (lm[i] * w / face.frame().width() + x0);
        lm[i + 1] = scale == 1.0 ? lm[i + 1] : (float) (lm[i + 1] * h / face.frame().height() + y0);
      }
      landmarks.add(lm);
      sourceFace += face.detection().height() * (scale == 1.0 ? 1.0 : (double) h / face.frame().height());
    }
    sourceFace /= faces.size();
    Path video = LosslessVideo.write(sources, work.resolve("fidelity-" + Math.round(faceHeight) + ".mkv"));
    List<DecodedFrame> atSource = LosslessVideo.read(video, 0);
    List<float[]> references = new ArrayList<>();
    for (int i = 0; i < atSource.size(); i++) {
      DecodedFrame f = atSource.get(i);
      references.add(embedder.embed(aligner.align(new BgrImage(f.width(), f.height(), f.bgrCopy()),
          landmarks.get(i))));
    }
    List<Score> scores = new ArrayList<>();
    for (int cap : caps) {
      for (PixelFormat format : PixelFormat.values()) {
        List<DecodedFrame> decoded = LosslessVideo.read(video, cap, format);
        for (int quality : qualities) {
          scores.add(score((cap == 0 ? "source" : Integer.toString(cap)) + " " + PublishCost.label(format), cap,
              quality, decoded, references, landmarks, sourceFace));
        }
      }
    }
    for (int quality : qualities) {
      scores.add(score("1280 (OpenCV area)", 1280, quality, atSource, references, landmarks, sourceFace));
    }
    return scores;
  }

  private Score score(String label, int cap, int quality, List<DecodedFrame> frames, List<float[]> references,
      List<float[]> landmarks, double sourceFace) {
    try (FrameEncoder encoder = new FrameEncoder(cap, quality)) {
      return score(encoder, frames, references, landmarks, sourceFace, label);
    }
  }

  private Score score(FrameEncoder encoder, List<DecodedFrame> frames, List<float[]> references,
      List<float[]> landmarks, double sourceFace, String label) {
    int quality = encoder.jpegQuality();
    double sum = 0;
    double min = 1;
    double k = 1;
    for (int i = 0; i < frames.size(); i++) {
      EncodedFrame published = encoder.encode(frames.get(i), Rotation.NONE);
      k = (double) published.width() / published.sourceWidth();
      float[] lm = landmarks.get(i).clone();
      for (int j = 0; j < lm.length; j++) {
        lm[j] = (float) (lm[j] * k);
      }
      float[] e = embedder.embed(aligner.align(ImageOps.decode(published.jpeg()), lm));
      double cos = Embeddings.cosine(references.get(i), e);
      sum += cos;
      min = Math.min(min, cos);
    }
    return new Score(label, quality, sourceFace * k, sum / frames.size(), min);
  }

  /** {@code small} placed at {@code (x0, y0)} on a 1920x1080 mid-grey canvas. */
  private static BgrImage canvas(BgrImage small, int x0, int y0) {
    int w = small.width();
    byte[] out = new byte[SOURCE_WIDTH * SOURCE_HEIGHT * 3];
    java.util.Arrays.fill(out, (byte) 128);
    for (int y = 0; y < small.height(); y++) {
      System.arraycopy(small.bgr(), y * w * 3, out, ((y0 + y) * SOURCE_WIDTH + x0) * 3, w * 3);
    }
    return new BgrImage(SOURCE_WIDTH, SOURCE_HEIGHT, out);
  }

  @Override
  public void close() {
    try {
      embedder.close();
    } finally {
      detector.close();
    }
  }
}
