package io.screenalytics.launcher.eval;

import io.screenalytics.identities.identity.ClusteringConfig;
import io.screenalytics.identities.identity.FaceScore;
import io.screenalytics.identities.naming.QualityBand;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.pipeline.FaceEmbedding;
import io.screenalytics.vision.pipeline.FacePipeline;
import io.screenalytics.vision.quality.QualityMeasures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Same- and different-person cosine similarity by face quality band, measured on degraded copies of labelled
 * photos: the calibration behind {@link QualityBand}'s thresholds.
 *
 * <p>Photos: the 9 identities of {@code deepface/identity_groups.csv} ({@code shared/faces}). Each photo's largest
 * face is embedded as it is (the gallery, like a facebank seed or a sharp named track), and as probes: the photo as
 * it is and degraded copies whose face is shrunk to {@link #FACE_HEIGHTS} pixels high (the whole photo downscaled
 * with area averaging) and scaled back up to the photo's size (bilinear), which is what a small face in a wide shot
 * or a low-resolution re-encode looks like once aligned to 112x112. Each probe's quality is {@link FaceScore} of its
 * aligned crop (detector score times sharpness, the Laplacian variance measured as detect-track measures it) and
 * gives its band. Pairs: every probe against every gallery face of another photo; same person when both photos are
 * in one group. Per band: pair counts, same-person mean and 10th percentile, different-person 99th percentile and
 * maximum, and the lowest threshold that keeps the different-person false-accept rate at or below 1 %.
 *
 * <p>Quality-aware recognition (MagFace, Meng et al., CVPR 2021; AdaFace, Kim et al., CVPR 2022) rests on the same
 * observation: a low-quality face's embedding lies closer to the origin and further from its identity's centre, so
 * its cosine to its true identity falls; here the model is fixed, so the quality enters through per-band thresholds.
 * Not thread-safe (the pipeline is not).
 */
public final class QualityCalibration {

  /** Face heights of the degraded probes, pixels. */
  public static final int[] FACE_HEIGHTS = {60, 50, 40, 30, 24, 18};

  /** False-accept rate the per-band threshold keeps to. */
  public static final double TARGET_FAR = 0.01;

  /** One band's figures. */
  public record Band(QualityBand band, int probes, int samePairs, int differentPairs, double sameMean,
      double sameP10, double differentP99, double differentMax, double thresholdAtFar, double tarAtThreshold) {}

  /** The figures per band, best first; bands without probes are left out. */
  public record Result(List<Band> bands, int photos, int probes) {

    /** A table for the console. */
    public String format() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "quality calibration: %d photos, %d probes (as is and faces shrunk to %s px), every probe against every "
              + "other photo%n  band      probes  same  diff  same mean  same p10  diff p99  diff max  thr@FAR1%%  "
              + "TAR%n", photos, probes, Arrays.toString(FACE_HEIGHTS)));
      for (Band b : bands) {
        out.append(String.format(Locale.ROOT, "  %-8s %7d %5d %5d %10.3f %9.3f %9.3f %9.3f %10.3f %5.2f%n",
            b.band(), b.probes(), b.samePairs(), b.differentPairs(), b.sameMean(), b.sameP10(), b.differentP99(),
            b.differentMax(), b.thresholdAtFar(), b.tarAtThreshold()));
      }
      return out.toString();
    }
  }

  private record Face(int photo, String group, float[] embedding, double quality) {}

  private QualityCalibration() {}

  /**
   * Runs the calibration.
   *
   * @param faces the {@code shared/faces} folder
   * @throws java.nio.file.NoSuchFileException when {@code deepface/identity_groups.csv} or a photo is missing
   * @throws IOException when the groups file is malformed
   */
  public static Result run(Path faces, FacePipeline pipeline) throws IOException {
    Path dir = faces.resolve("deepface");
    List<String> lines = Files.readAllLines(dir.resolve("identity_groups.csv"), StandardCharsets.UTF_8);
    List<Face> gallery = new ArrayList<>();
    List<Face> probes = new ArrayList<>();
    double blurReference = ClusteringConfig.DEFAULT_BLUR_REFERENCE;
    int photo = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.strip().split(",", 2);
      if (cells.length < 2) {
        continue;
      }
      for (String file : cells[1].strip().split("\\s+")) {
        BgrImage image = ImageOps.read(dir.resolve(file));
        Optional<FaceEmbedding> original = pipeline.embedPrimaryFace(image);
        if (original.isEmpty()) {
          continue;
        }
        photo++;
        gallery.add(face(photo, cells[0], original.get(), blurReference));
        probes.add(face(photo, cells[0], original.get(), blurReference));
        double height = original.get().detection().height();
        for (int target : FACE_HEIGHTS) {
          double scale = target / height;
          if (scale >= 1) {
            continue;
          }
          BgrImage small = ImageOps.resize(image, Math.max(1, (int) Math.round(image.width() * scale)),
              Math.max(1, (int) Math.round(image.height() * scale)));
          BgrImage degraded = ImageOps.resize(small, image.width(), image.height());
          Optional<FaceEmbedding> probe = pipeline.embedPrimaryFace(degraded);
          if (probe.isPresent()) {
            probes.add(face(photo, cells[0], probe.get(), blurReference));
          }
        }
      }
    }
    Map<QualityBand, List<double[]>> same = new EnumMap<>(QualityBand.class);
    Map<QualityBand, List<double[]>> different = new EnumMap<>(QualityBand.class);
    Map<QualityBand, Integer> counts = new EnumMap<>(QualityBand.class);
    for (Face p : probes) {
      QualityBand band = QualityBand.of(p.quality());
      counts.merge(band, 1, Integer::sum);
      for (Face g : gallery) {
        if (g.photo() == p.photo()) {
          continue;
        }
        double cos = Embeddings.dot(p.embedding(), g.embedding());
        (g.group().equals(p.group()) ? same : different).computeIfAbsent(band, k -> new ArrayList<>())
            .add(new double[] {cos});
      }
    }
    List<Band> bands = new ArrayList<>();
    for (QualityBand band : QualityBand.values()) {
      double[] s = sorted(same.get(band));
      double[] d = sorted(different.get(band));
      if (s.length == 0 || d.length == 0) {
        continue;
      }
      double threshold = d[Math.min(d.length - 1, (int) Math.floor(d.length * (1 - TARGET_FAR)))] + 1e-6;
      long accepted = Arrays.stream(s).filter(x -> x >= threshold).count();
      bands.add(new Band(band, counts.get(band), s.length, d.length, Arrays.stream(s).average().orElse(0),
          percentile(s, 0.10), percentile(d, 0.99), d[d.length - 1], threshold, (double) accepted / s.length));
    }
    return new Result(bands, photo, probes.size());
  }

  private static Face face(int photo, String group, FaceEmbedding e, double blurReference) {
    float blur = QualityMeasures.measure(e.alignedCrop(), 112, 112).blur();
    double quality = Math.min(1, Math.max(0, e.detection().score())) * FaceScore.sharpness(blur, blurReference);
    return new Face(photo, group, e.embedding(), quality);
  }

  private static double[] sorted(List<double[]> values) {
    return values == null ? new double[0] : values.stream().mapToDouble(v -> v[0]).sorted().toArray();
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1)))];
  }
}
