package io.screenalytics.bench.embed;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import io.screenalytics.bench.embed.BenchFaces.Face;
import io.screenalytics.embed.quality.QualityGate;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.OpenCvMats;
import io.screenalytics.vision.quality.CropQuality;
import io.screenalytics.vision.quality.QualityMeasures;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Measurements behind the quality-gate defaults: what real crops measure, and how far degraded copies (blur,
 * lowered contrast, under-exposure) move from their original's embedding as the measures fall.
 */
public final class GateRun {

  private GateRun() {}

  /** Percentiles 1, 5, 50, 95, 99 of detection score, contrast and blur. */
  public static void distribution(PrintStream out, String label, List<Face> faces) {
    out.printf("%-28s n=%-4d det_score %s | contrast %s | blur %s%n", label, faces.size(),
        pct(faces, Face::detScore, "%.2f"), pct(faces, f -> f.quality().contrast(), "%.0f"),
        pct(faces, f -> f.quality().blur(), "%.0f"));
  }

  /**
   * For each degradation: the median measure, the median cosine between degraded and original embeddings, the
   * share of faces below cosine 0.5 (the clustering threshold) and the share the default gate rejects.
   */
  public static void degradations(PrintStream out, FaceEmbedder embedder, List<Face> faces) {
    List<byte[]> originals = faces.stream().map(Face::crop).toList();
    float[][] ref = embedder.embed(originals);
    QualityGate gate = QualityGate.defaults();
    out.printf("%-22s %12s %12s %14s %14s %12s%n", "degradation", "contrast p50", "blur p50", "cos to orig p50",
        "cos<0.5 share", "gate rejects");
    row(out, "none", embedder, originals, ref, gate, c -> c);
    for (double sigma : new double[] {1.5, 2.0, 2.5, 3.0, 4.0, 6.0}) {
      row(out, "gaussian blur s=" + sigma, embedder, originals, ref, gate, c -> blur(c, sigma));
    }
    for (double k : new double[] {0.3, 0.2, 0.15, 0.1}) {
      row(out, "contrast x" + k, embedder, originals, ref, gate, c -> contrast(c, k));
    }
    for (double k : new double[] {0.15, 0.08}) {
      row(out, "dark x" + k, embedder, originals, ref, gate, c -> dark(c, k));
    }
  }

  private static void row(PrintStream out, String name, FaceEmbedder embedder, List<byte[]> originals,
      float[][] ref, QualityGate gate, UnaryOperator<byte[]> degrade) {
    List<byte[]> crops = originals.stream().map(degrade).toList();
    double[] contrast = new double[crops.size()];
    double[] blur = new double[crops.size()];
    double[] cos = new double[crops.size()];
    int rejected = 0;
    int lost = 0;
    float[][] v = embedder.embed(crops);
    for (int i = 0; i < crops.size(); i++) {
      CropQuality q = QualityMeasures.measure(crops.get(i), 112, 112);
      contrast[i] = q.contrast();
      blur[i] = q.blur();
      cos[i] = Embeddings.cosine(v[i], ref[i]);
      lost += cos[i] < 0.5 ? 1 : 0;
      rejected += gate.reject(1.0, q.contrast(), q.blur(), crops.get(i).length, 112, 112).isPresent() ? 1 : 0;
    }
    out.printf("%-22s %12.1f %12.1f %14.2f %13.0f%% %11.0f%%%n", name, BatchingRun.median(contrast),
        BatchingRun.median(blur), BatchingRun.median(cos), 100.0 * lost / crops.size(),
        100.0 * rejected / crops.size());
  }

  /** Gaussian blur of standard deviation {@code sigma} pixels. */
  static byte[] blur(byte[] crop, double sigma) {
    try (Mat m = OpenCvMats.toMat(new BgrImage(112, 112, crop)); Mat o = new Mat(); Size auto = new Size(0, 0)) {
      GaussianBlur(m, o, auto, sigma);
      return OpenCvMats.fromMat(o).bgr();
    }
  }

  /** {@code mean + k * (x - mean)}: contrast times k at the same brightness. */
  static byte[] contrast(byte[] crop, double k) {
    double mean = 0;
    for (byte b : crop) {
      mean += b & 0xff;
    }
    mean /= crop.length;
    byte[] o = new byte[crop.length];
    for (int i = 0; i < crop.length; i++) {
      o[i] = (byte) Math.max(0, Math.min(255, Math.round(mean + k * ((crop[i] & 0xff) - mean))));
    }
    return o;
  }

  /** Every value times k: under-exposure. */
  static byte[] dark(byte[] crop, double k) {
    byte[] o = new byte[crop.length];
    for (int i = 0; i < crop.length; i++) {
      o[i] = (byte) Math.round((crop[i] & 0xff) * k);
    }
    return o;
  }

  private static String pct(List<Face> faces, ToDoubleFunction<Face> f, String fmt) {
    double[] v = faces.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (double p : new double[] {1, 5, 50, 95, 99}) {
      parts.add(String.format(fmt, v[(int) Math.min(v.length - 1, Math.floor(p / 100 * v.length))]));
    }
    return String.join("/", parts);
  }
}
