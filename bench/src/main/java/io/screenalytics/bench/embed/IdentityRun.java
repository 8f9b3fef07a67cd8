package io.screenalytics.bench.embed;

import io.screenalytics.bench.embed.BenchFaces.Face;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.model.ModelLocator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measurement behind the per-face cast threshold: cosine similarity of same-person and different-person photo
 * pairs of the labelled deepface photos ({@code identity_groups.csv}), largest face of each photo.
 */
public final class IdentityRun {

  private IdentityRun() {}

  /** Prints genuine and impostor similarity percentiles and the share of each at or above candidate thresholds. */
  public static void run(PrintStream out, ModelLocator models, FaceEmbedder embedder, Path deepface)
      throws IOException {
    List<String> groups = new ArrayList<>();
    List<Path> photos = new ArrayList<>();
    for (String line : Files.readAllLines(deepface.resolve("identity_groups.csv")).subList(1,
        Files.readAllLines(deepface.resolve("identity_groups.csv")).size())) {
      String[] cols = line.split(",", 2);
      for (String file : cols[1].trim().split(" ")) {
        groups.add(cols[0]);
        photos.add(deepface.resolve(file));
      }
    }
    List<String> kept = new ArrayList<>();
    List<byte[]> crops = new ArrayList<>();
    for (int i = 0; i < photos.size(); i++) {
      List<Face> faces = BenchFaces.fromPhotos(models, List.of(photos.get(i)));
      if (!faces.isEmpty()) {
        kept.add(groups.get(i));
        crops.add(faces.get(0).crop());
      }
    }
    float[][] v = embedder.embed(crops);
    List<Double> genuine = new ArrayList<>();
    List<Double> impostor = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      for (int j = i + 1; j < v.length; j++) {
        (kept.get(i).equals(kept.get(j)) ? genuine : impostor).add((double) Embeddings.cosine(v[i], v[j]));
      }
    }
    out.printf("%d photos of %d people: %d same-person pairs, %d different-person pairs%n", crops.size(),
        kept.stream().distinct().count(), genuine.size(), impostor.size());
    out.printf("same-person cosine      min %.2f  p5 %.2f  p50 %.2f%n", q(genuine, 0), q(genuine, 5), q(genuine, 50));
    out.printf("different-person cosine p50 %.2f  p99 %.2f  max %.2f%n", q(impostor, 50), q(impostor, 99),
        q(impostor, 100));
    for (double t : new double[] {0.28, 0.35, 0.42, 0.5}) {
      out.printf("threshold %.2f: same-person pairs named %.0f%%, different-person pairs named %.1f%%%n", t,
          share(genuine, t), share(impostor, t));
    }
  }

  private static double q(List<Double> v, double p) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.floor(p / 100 * s.length))];
  }

  private static double share(List<Double> v, double t) {
    return 100.0 * v.stream().filter(x -> x >= t).count() / v.size();
  }
}
