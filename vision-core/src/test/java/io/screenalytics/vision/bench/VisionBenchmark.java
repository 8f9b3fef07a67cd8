package io.screenalytics.vision.bench;

import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorInput;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manual benchmark, not part of the test run: YuNet ms/frame on the 640x360 Hamilton clip (per stage) and
 * embedder ms/face at batch 1 vs 8. Run with the test class path:
 * {@code java -cp <test cp> io.screenalytics.vision.bench.VisionBenchmark [intraOpThreads]}.
 */
public final class VisionBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(VisionBenchmark.class);

  private VisionBenchmark() {
  }

  public static void main(String[] args) {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    SessionSettings session = SessionSettings.cpu(threads);
    List<BgrImage> frames = SharedData.frames("media/video/short_hamilton_clip.mp4", 1, 300);
    List<byte[]> crops = new ArrayList<>();
    try (OnnxFaceDetector detector = OnnxFaceDetector.yunet(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC,
        DetectorSettings.defaults(), session)) {
      for (int i = 0; i < 20; i++) detector.detect(frames.get(i));
      long pre = 0, run = 0, post = 0;
      int faces = 0;
      FaceAligner aligner = new FaceAligner();
      for (BgrImage f : frames) {
        long t0 = System.nanoTime();
        DetectorInput in = detector.preprocess(f);
        long t1 = System.nanoTime();
        Map<String, FloatTensor> out = detector.run(in);
        long t2 = System.nanoTime();
        List<Detection> found = detector.postprocess(out, in.letterbox());
        long t3 = System.nanoTime();
        pre += t1 - t0;
        run += t2 - t1;
        post += t3 - t2;
        faces += found.size();
        if (crops.size() < 64) crops.addAll(aligner.alignAll(f, found.stream().map(Detection::landmarks).toList()));
      }
      int n = frames.size();
      LOG.info("YuNet s, {} frames 640x360 (input 640x384), {} threads: preprocess {} ms, run {} ms, postprocess {} ms, "
          + "total {} ms/frame; {} faces", n, threads, ms(pre, n), ms(run, n), ms(post, n), ms(pre + run + post, n), faces);
    }
    for (ModelSpec spec : List.of(ModelCatalog.FR_FEATURE, ModelCatalog.MOBILEFACENET)) {
      try (FaceEmbedder embedder = FaceEmbedder.open(SharedData.models(), spec, session, 32)) {
        int[] sizes = {1, 8, 16};
        double[] bestWall = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int trial = 0; trial < 5; trial++) {
          for (int k = 0; k < sizes.length; k++) {
            List<byte[]> batch = crops.subList(0, sizes[k]);
            embedder.embed(batch);
            int rounds = Math.max(2, 48 / sizes[k]);
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) embedder.embed(batch);
            int faces = rounds * sizes[k];
            bestWall[k] = Math.min(bestWall[k], (System.nanoTime() - t0) / 1e6 / faces);
          }
        }
        try (OnnxModel original = OnnxModel.open(SharedData.models(), spec, session)) {
          FloatTensor one = embedder.preprocess(crops.subList(0, 1));
          double best = Double.MAX_VALUE;
          for (int trial = 0; trial < 5; trial++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < 48; r++) original.run(one);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / 48);
          }
          LOG.info("{} original fixed-batch graph, batch 1: best of 5 {} ms/face", spec.name(),
              String.format("%.2f", best));
        }
        for (int k = 0; k < sizes.length; k++) {
          LOG.info("{} ({}), batch {}: best of 5 {} ms/face", spec.name(), embedder.batchMode(), sizes[k],
              String.format("%.2f", bestWall[k]));
        }
      }
    }
  }

  private static String ms(long nanos, int count) {
    return String.format("%.2f", nanos / 1e6 / count);
  }
}
