package io.screenalytics.bench.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.screenalytics.vision.embed.BatchMode;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.model.DenormalWeights;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Denormals and the default embedder, side by side on the same real crops, one intra-op thread, one call per
 * face: fr_feature as the file is (a plain ONNX Runtime session), with its denormal weights flushed to zero only,
 * and as the project opens it ({@link OnnxModel}: weights flushed and flush-to-zero on the computing threads);
 * MobileFaceNet, which has no denormal weights, as the yardstick. Prints wall ms per face (median of rounds)
 * and the ratio to the project's figure.
 */
public final class DenormalRun {

  private DenormalRun() {}

  /** Runs the comparison on {@code crops} (112x112 BGR, as the embedder takes them). */
  public static void run(PrintStream out, ModelLocator models, List<byte[]> crops, int rounds) throws OrtException {
    SessionSettings one = SessionSettings.cpu(1);
    byte[] raw = models.load(ModelCatalog.FR_FEATURE);
    DenormalWeights.Result flushed = DenormalWeights.flush(raw);
    out.printf("fr_feature: %d denormal weights in %d float tensors%n", flushed.flushed(), flushed.tensors());
    try (FaceEmbedder project = FaceEmbedder.open(models, ModelCatalog.FR_FEATURE, one, 1, BatchMode.PER_FACE);
         FaceEmbedder mobile = FaceEmbedder.open(models, ModelCatalog.MOBILEFACENET, one, 1, BatchMode.PER_FACE)) {
      float[][] inputs = crops.stream().map(c -> project.preprocess(List.of(c)).data()).toArray(float[][]::new);
      double plain = plainSession(raw, inputs, rounds);
      double weightsOnly = plainSession(flushed.model(), inputs, rounds);
      double ours = perFace(() -> project.embed(crops), crops.size(), rounds);
      double yardstick = perFace(() -> mobile.embed(crops), crops.size(), rounds);
      out.printf("%-62s %10s %10s%n", "fr_feature, 1 thread, one call per face (" + crops.size() + " crops)",
          "ms/face", "vs ours");
      out.printf("%-62s %10.2f %9.2fx%n", "as the file is (plain session)", plain, plain / ours);
      out.printf("%-62s %10.2f %9.2fx%n", "denormal weights flushed at load only", weightsOnly, weightsOnly / ours);
      out.printf("%-62s %10.2f %9.2fx%n", "as opened here: weights flushed + flush-to-zero threads", ours, 1.0);
      out.printf("%-62s %10.2f %9.2fx%n", "mobilefacenet (no denormals), as opened here", yardstick,
          yardstick / ours);
    }
  }

  private static double plainSession(byte[] model, float[][] inputs, int rounds) throws OrtException {
    OrtEnvironment env = OnnxModel.environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      try (OrtSession session = env.createSession(model, options)) {
        return perFace(() -> {
          for (float[] input : inputs) {
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, 112, 112});
                 OrtSession.Result r = session.run(Map.of("input", t))) {
              r.get(0);
            } catch (OrtException e) {
              throw new IllegalStateException(e);
            }
          }
        }, inputs.length, rounds);
      }
    }
  }

  /** Median over rounds of wall ms per face, after one warm-up round. */
  private static double perFace(Runnable all, int faces, int rounds) {
    all.run();
    double[] ms = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      all.run();
      ms[r] = (System.nanoTime() - t0) / 1e6 / faces;
    }
    java.util.Arrays.sort(ms);
    return ms[rounds / 2];
  }
}
