package io.screenalytics.launcher.eval;

import io.screenalytics.algorithms.roc.Roc;
import io.screenalytics.vision.embed.Embeddings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pair verification on labelled photo pairs: each photo's largest face is detected, aligned and
 * embedded; a pair's score is the cosine similarity of its two embeddings; the scores give a {@link Roc}.
 *
 * <p>Pairs come from a CSV with a header and rows {@code file_x,file_y,Decision}, files relative to the
 * CSV's folder and Decision {@code Yes} (same person) or {@code No}: the format of deepface's
 * {@code tests/unit/dataset/master.csv} (serengil/deepface) and of {@code knn_examples/pairs.csv}.
 * Pairs where a photo has no face are skipped and counted.
 */
public final class VerificationEval {

  /**
   * Figures of one pair list.
   *
   * @param pairsFile       the CSV
   * @param pairs           pairs scored
   * @param same            same-person pairs among them
   * @param skipped         pairs skipped because a photo had no face
   * @param photos          distinct photos embedded
   * @param roc             AUC, EER, best accuracy and their thresholds
   * @param sameMean        mean cosine of same-person pairs
   * @param sameMin         lowest cosine of a same-person pair
   * @param differentMax    highest cosine of a different-person pair (below {@code sameMin}: separable)
   */
  public record Result(Path pairsFile, int pairs, int same, int skipped, int photos, Roc roc, double sameMean,
      double sameMin, double differentMax) {

    /** The figures on a few lines. */
    public String format() {
      return String.format(Locale.ROOT,
          "verification on %s: %d pairs (%d same, %d different), %d photos, %d pairs skipped (no face)%n"
              + "  AUC %.4f | EER %.2f%% at cosine %.3f | best accuracy %.2f%% at cosine >= %.3f%n"
              + "  same-person cosine mean %.3f, min %.3f; different-person cosine max %.3f%n",
          pairsFile, pairs, same, pairs - same, photos, skipped, roc.auc(), roc.eer() * 100, roc.eerThreshold(),
          roc.bestAccuracy() * 100, roc.bestThreshold(), sameMean, sameMin, differentMax);
    }
  }

  private VerificationEval() {}

  /**
   * Scores every pair of {@code pairsCsv}.
   *
   * @throws java.nio.file.NoSuchFileException when the CSV or a photo is missing
   * @throws IOException on a malformed row, or when fewer than one same and one different pair remain
   */
  static Result run(Path pairsCsv, PhotoEmbeddings embeddings) throws IOException {
    Path dir = pairsCsv.toAbsolutePath().getParent();
    List<Roc.Scored> scored = new ArrayList<>();
    int skipped = 0;
    List<String> lines = Files.readAllLines(pairsCsv, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",");
      if (cells.length < 3 || !(cells[2].strip().equalsIgnoreCase("yes") || cells[2].strip().equalsIgnoreCase("no"))) {
        throw new IOException(pairsCsv + " line " + (i + 1) + ": expected file_x,file_y,Yes|No");
      }
      Optional<float[]> x = embeddings.primary(dir.resolve(cells[0].strip()));
      Optional<float[]> y = embeddings.primary(dir.resolve(cells[1].strip()));
      if (x.isEmpty() || y.isEmpty()) {
        skipped++;
        continue;
      }
      scored.add(new Roc.Scored(Embeddings.dot(x.get(), y.get()), cells[2].strip().equalsIgnoreCase("yes")));
    }
    Roc roc;
    try {
      roc = Roc.of(scored);
    } catch (IllegalArgumentException e) {
      throw new IOException(pairsCsv + ": " + e.getMessage(), e);
    }
    int same = (int) scored.stream().filter(Roc.Scored::same).count();
    double sameMean = scored.stream().filter(Roc.Scored::same).mapToDouble(Roc.Scored::score).average().orElse(0);
    double sameMin = scored.stream().filter(Roc.Scored::same).mapToDouble(Roc.Scored::score).min().orElse(0);
    double differentMax = scored.stream().filter(s -> !s.same()).mapToDouble(Roc.Scored::score).max().orElse(0);
    return new Result(pairsCsv, scored.size(), same, skipped, embeddings.photos(), roc, sameMean, sameMin,
        differentMax);
  }
}
