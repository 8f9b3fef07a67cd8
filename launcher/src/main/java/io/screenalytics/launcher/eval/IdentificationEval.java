package io.screenalytics.launcher.eval;

import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankMatcher;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.facebank.MatchingConfig;
import io.screenalytics.identities.facebank.CastEnrolment;
import io.screenalytics.vision.pipeline.FaceEmbedding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Facebank identification on a k-NN style folder (the layout of ageitgey/face_recognition's
 * {@code examples/knn_examples}): every photo of {@code train/<name>/} is enrolled as a seed of
 * {@code <name>}, then each labelled probe of {@code test/} is identified like an episode's identity
 * ({@link FacebankMatcher}: nearest seed, named when the cosine is at least the matching threshold,
 * otherwise unknown). Probe labels come from {@code labels.csv} ({@code file,identity} rows, files
 * relative to the folder); test photos without a label (group photos) are identified face by face and
 * listed, not scored.
 */
public final class IdentificationEval {

  /** Name given to a probe whose best match is below the threshold. */
  public static final String UNKNOWN = "unknown";

  /**
   * One probe.
   *
   * @param file       photo, relative to the folder
   * @param label      true identity
   * @param predicted  identity given, or {@link #UNKNOWN}
   * @param best       nearest cast member whatever the threshold, or null when no face was found
   * @param similarity its cosine
   */
  public record Probe(String file, String label, String predicted, String best, double similarity) {
    boolean correct() {
      return label.equals(predicted);
    }
  }

  /**
   * Figures of one folder.
   *
   * @param folder      the folder
   * @param people      people enrolled
   * @param seeds       seeds enrolled
   * @param missed      training photos without a face
   * @param threshold   matching threshold used
   * @param probes      labelled probes, in {@code labels.csv} order
   * @param unlabelled  test photos without a label, as {@code file: name (cosine), ...}
   */
  public record Result(Path folder, int people, int seeds, int missed, double threshold, List<Probe> probes,
      List<String> unlabelled) {

    public Result {
      probes = List.copyOf(probes);
      unlabelled = List.copyOf(unlabelled);
    }

    /** Probes identified right, the threshold applied. */
    public long correct() {
      return probes.stream().filter(Probe::correct).count();
    }

    /** Probes whose nearest cast member is right, whatever the threshold (rank-1). */
    public long rank1Correct() {
      return probes.stream().filter(p -> p.label().equals(p.best())).count();
    }

    /** {@link #correct()} over the number of probes, 0..1 (0 without probes). */
    public double accuracy() {
      return probes.isEmpty() ? 0 : correct() / (double) probes.size();
    }

    /** The figures and one line per probe. */
    public String format() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "identification on %s: %d people, %d seeds enrolled (%d training photos without a face)%n"
              + "  accuracy %.2f%% (%d/%d probes) at cosine >= %.2f; rank-1 %d/%d%n",
          folder, people, seeds, missed, accuracy() * 100, correct(), probes.size(), threshold, rank1Correct(),
          probes.size()));
      for (Probe p : probes) {
        out.append(String.format(Locale.ROOT, "  %-28s label %-16s -> %-16s (nearest %s, cosine %.3f)%s%n",
            p.file(), p.label(), p.predicted(), p.best(), p.similarity(), p.correct() ? "" : "  WRONG"));
      }
      unlabelled.forEach(u -> out.append("  unlabelled ").append(u).append(System.lineSeparator()));
      return out.toString();
    }
  }

  private IdentificationEval() {}

  /**
   * Enrols {@code folder/train} and identifies the probes of {@code folder/labels.csv} under {@code test/}.
   *
   * @param threshold cosine at which a probe takes its nearest cast member's name
   * @throws java.nio.file.NoSuchFileException when a listed photo is missing
   * @throws IOException when {@code train/} or {@code labels.csv} cannot be read or is malformed
   */
  static Result run(Path folder, PhotoEmbeddings embeddings, double threshold) throws IOException {
    Facebank.Builder bank = Facebank.builder();
    int missed = 0;
    int seeds = 0;
    for (CastEnrolment.CastPhoto p : CastEnrolment.photos(folder.resolve("train"))) {
      Optional<float[]> e = embeddings.primary(p.photo());
      if (e.isEmpty()) {
        missed++;
        continue;
      }
      bank.add(p.name(), new FacebankSeed(e.get(), p.photo().getFileName().toString(), embeddings.model()));
      seeds++;
    }
    Facebank facebank = bank.build();
    FacebankMatcher matcher = new FacebankMatcher(facebank, embeddings.model(), new MatchingConfig(threshold));

    Map<String, String> labels = labels(folder.resolve("labels.csv"));
    List<Probe> probes = new ArrayList<>();
    for (Map.Entry<String, String> l : labels.entrySet()) {
      if (!l.getKey().startsWith("test/")) {
        continue;
      }
      Optional<float[]> e = embeddings.primary(folder.resolve(l.getKey()));
      Optional<CastMatch> best = e.flatMap(matcher::bestCandidate);
      String predicted = best.filter(matcher::accepts).map(CastMatch::name).orElse(UNKNOWN);
      probes.add(new Probe(l.getKey(), l.getValue(), predicted, best.map(CastMatch::name).orElse(null),
          best.map(CastMatch::similarity).orElse(Double.NaN)));
    }
    List<String> unlabelled = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder.resolve("test"))) {
      for (Path photo : files.filter(Files::isRegularFile).sorted().toList()) {
        String file = "test/" + photo.getFileName();
        if (labels.containsKey(file)) {
          continue;
        }
        List<String> names = new ArrayList<>();
        for (FaceEmbedding f : embeddings.all(photo)) {
          Optional<CastMatch> best = matcher.bestCandidate(f.embedding());
          names.add(best.map(m -> String.format(Locale.ROOT, "%s (%.3f)", matcher.accepts(m) ? m.name() : UNKNOWN,
              m.similarity())).orElse(UNKNOWN));
        }
        unlabelled.add(file + ": " + names.size() + " faces -> " + String.join(", ", names));
      }
    }
    return new Result(folder, facebank.names().size(), seeds, missed, threshold, probes, unlabelled);
  }

  /** {@code file -> identity} from a {@code file,identity} CSV with a header, in file order. */
  private static Map<String, String> labels(Path csv) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      int comma = line.lastIndexOf(',');
      if (comma <= 0) {
        throw new IOException(csv + " line " + (i + 1) + ": expected file,identity");
      }
      out.put(line.substring(0, comma).strip(), line.substring(comma + 1).strip());
    }
    return out;
  }
}
