package io.screenalytics.bench.cost;

import io.screenalytics.bench.decode.DecodeThroughput;
import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.FaceDetectors;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline's work costs at the least, measured on the same file in the same run, one thread each:
 *
 * <ul>
 *   <li>decoding: {@code ffmpeg -threads 1 -skip_frame noref -i file -f null -} (reference pictures only, what
 *       {@code fast_stride} must decode) and, beside it, every picture;
 *   <li>detection: the service's detector alone (letterbox, normalise, model, anchors and NMS) on sampled frames
 *       handed to it already at its input size, so no full-frame scaling is charged;
 *   <li>embedding: {@code fr_feature} alone, one crop per call, on the faces of those frames aligned from the full
 *       source frame.
 * </ul>
 *
 * @param decodeNorefCpuSeconds CPU seconds to decode the reference pictures of the whole file
 * @param decodeAllCpuSeconds   CPU seconds to decode every picture of the whole file
 * @param detectCpuMsPerFrame   detector CPU per sampled frame, milliseconds
 * @param embedCpuMsPerFace     embedder CPU per face, milliseconds
 * @param framesMeasured        sampled frames the detector ran on
 * @param facesMeasured         faces the embedder ran on
 */
public record StageFloors(double decodeNorefCpuSeconds, double decodeAllCpuSeconds, double detectCpuMsPerFrame,
    double embedCpuMsPerFace, int framesMeasured, int facesMeasured) {

  /** Sampled frames the model floors are measured on (the file's first ones, stride 6): about 20 s of video. */
  static final int FRAMES = 100;

  /**
   * Measures the floors of {@code video}.
   *
   * @param detector  the detect-track service's detector model name ({@code detect.model})
   * @param settings  its settings as the service resolves them (input size, thresholds)
   * @param minFacePx the smallest face kept at 1080p, pixels ({@code detect.min.face.px})
   * @throws IOException if the ffmpeg CLI fails
   */
  public static StageFloors measure(Path video, ModelLocator models, String detector, DetectorSettings settings,
      double minFacePx) throws IOException, InterruptedException {
    int inputSize = settings.maxInputSize();
    StageCpu.countDelegated("onnx-runner", OnnxModel::callerModelCpuNanos);
    double noref = DecodeThroughput.ffmpegDecode(video, List.of("-skip_frame", "noref"))[0];
    double all = DecodeThroughput.ffmpegDecode(video, List.of())[0];
    List<BgrImage> frames = new ArrayList<>();
    try (FrameSampler sampler = FrameSampler.open(video.toString(), DecodeSettings.of(6, 1))) {
      while (sampler.hasNext() && frames.size() < FRAMES) {
        DecodedFrame df = sampler.next();
        frames.add(new BgrImage(df.width(), df.height(), df.bgrCopy()));
      }
    }
    FaceAligner aligner = new FaceAligner();
    List<byte[]> crops = new ArrayList<>();
    long detectCpu = 0;
    try (OnnxFaceDetector det = FaceDetectors.open(detector, models, settings, SessionSettings.cpu(1))) {
      det.detect(ImageOps.fitWithin(frames.get(0), inputSize)); // warm-up
      for (BgrImage full : frames) {
        BgrImage small = ImageOps.fitWithin(full, inputSize);
        long c0 = StageCpu.threadNanos();
        List<Detection> found = det.detect(small);
        detectCpu += StageCpu.threadNanos() - c0;
        double s = full.width() / (double) small.width();
        for (Detection d : found) {
          if (d.hasLandmarks() && d.height() * s >= minFacePx * full.height() / 1080.0) {
            float[] lm = d.landmarks().clone();
            for (int i = 0; i < lm.length; i++) {
              lm[i] *= (float) s;
            }
            crops.add(aligner.align(full, lm));
          }
        }
      }
    }
    long embedCpu = 0;
    if (!crops.isEmpty()) {
      try (FaceEmbedder embedder = FaceEmbedder.open(models, ModelCatalog.FR_FEATURE, SessionSettings.cpu(1), 1)) {
        embedder.embed(List.of(crops.get(0))); // warm-up
        long c0 = StageCpu.threadNanos();
        for (byte[] crop : crops) {
          embedder.embed(List.of(crop));
        }
        embedCpu = StageCpu.threadNanos() - c0;
      }
    }
    return new StageFloors(noref, all, detectCpu / 1e6 / frames.size(),
        crops.isEmpty() ? Double.NaN : embedCpu / 1e6 / crops.size(), frames.size(), crops.size());
  }
}
