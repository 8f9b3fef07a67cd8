package io.screenalytics.identities.facebank;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.pipeline.FacePipeline;
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
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a cast facebank from photos through the same detect-align-embed path as the episode: every face of each
 * photo is embedded and {@link PhotoCheck} chooses, per person, the face their photos agree on and leaves out the
 * photos that disagree or cannot be told apart. Cast sources: a folder of {@code <name>/<photo>} images, or a CSV of
 * {@code name,photo} rows with photo paths relative to the CSV.
 */
public final class CastEnrolment {

  private static final Logger LOG = LoggerFactory.getLogger(CastEnrolment.class);

  /** One enrolment photo of a cast member. */
  public record CastPhoto(String name, Path photo) {}

  /**
   * What enrolment produced.
   *
   * @param facebank          the seeds of the photos enrolled
   * @param photosWithoutFace photos where no face was found
   * @param checks            every photo's check, in the order given
   */
  public record Result(Facebank facebank, List<Path> photosWithoutFace, List<PhotoCheck.Checked> checks) {
    public Result {
      photosWithoutFace = List.copyOf(photosWithoutFace);
      checks = List.copyOf(checks);
    }

    /** Photos with a face that were left out, or taken only because the caller insisted: one line each to show. */
    public List<PhotoCheck.Checked> doubtful() {
      return checks.stream().filter(c -> c.reason() != null && c.verdict() != PhotoCheck.Verdict.NO_FACE).toList();
    }
  }

  /**
   * A cast source's photos, and the files of a cast folder skipped as not images (by extension: a
   * {@code labels.csv} or {@code .DS_Store} beside the photos).
   */
  public record Listing(List<CastPhoto> photos, List<Path> skipped) {}

  /** File extensions taken as photos in a cast folder (lower case; what OpenCV's image decoder reads). */
  public static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "jpe", "png", "bmp", "dib", "webp", "tif", "tiff", "jp2", "pbm", "pgm", "ppm");

  private CastEnrolment() {}

  /**
   * Lists the cast photos of a folder or CSV.
   *
   * @throws IOException when the source cannot be read, or it names no photo
   */
  public static List<CastPhoto> photos(Path source) throws IOException {
    Listing listing = list(source);
    if (!listing.skipped().isEmpty()) {
      LOG.warn("cast folder {}: {} files skipped, not images: {}", source, listing.skipped().size(), listing.skipped());
    }
    return listing.photos();
  }

  /**
   * Lists the cast photos of a folder or CSV, and the files of a folder that are not images (their extension is
   * none of {@link #IMAGE_EXTENSIONS}), which are skipped: the caller warns about them.
   *
   * @throws java.nio.file.NoSuchFileException when the source does not exist
   * @throws IOException when the source cannot be read, or it names no photo
   */
  public static Listing list(Path source) throws IOException {
    List<CastPhoto> out = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> people = Files.list(source)) {
        for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
          try (Stream<Path> files = Files.list(person)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
              if (isImageName(p)) {
                out.add(new CastPhoto(person.getFileName().toString(), p));
              } else {
                skipped.add(p);
              }
            }
          }
        }
      }
    } else {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equalsIgnoreCase("name,photo"))) {
          continue;
        }
        int comma = line.lastIndexOf(',');
        if (comma <= 0) {
          throw new IOException(source + " line " + (i + 1) + ": expected name,photo");
        }
        Path photo = source.toAbsolutePath().getParent().resolve(line.substring(comma + 1).strip()).normalize();
        out.add(new CastPhoto(line.substring(0, comma).strip(), photo));
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no cast photos in " + source
          + (Files.isDirectory(source) ? " (expected <name>/<photo> image files)" : ""));
    }
    return new Listing(List.copyOf(out), List.copyOf(skipped));
  }

  private static boolean isImageName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return !name.startsWith(".") && dot > 0
        && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Embeds every face of every photo and enrols, per person, the faces {@link PhotoCheck} accepts, at its default
   * agreement and without insisting.
   *
   * @throws IOException when a photo cannot be read
   */
  public static Result enrol(List<CastPhoto> photos, FacePipeline pipeline) throws IOException {
    return enrol(photos, pipeline, Map.of(), PhotoCheck.DEFAULT_MIN_AGREEMENT, false);
  }

  /**
   * Embeds every face of every photo and enrols, per person, the faces {@link PhotoCheck} accepts.
   *
   * @param enrolled     per person, embeddings of their seeds already enrolled from photos ({@code float[D]} each),
   *                     which the check compares the new photos with
   * @param minAgreement least agreement, cosine similarity ({@link PhotoCheck#DEFAULT_MIN_AGREEMENT})
   * @param insist       enrol doubtful photos anyway
   * @throws IOException when a photo cannot be read or does not exist
   */
  public static Result enrol(List<CastPhoto> photos, FacePipeline pipeline, Map<String, List<float[]>> enrolled,
      double minAgreement, boolean insist) throws IOException {
    Map<String, List<PhotoCheck.Photo>> byPerson = new LinkedHashMap<>();
    for (CastPhoto p : photos) {
      if (!Files.isRegularFile(p.photo())) {
        throw new IOException("cast photo not found: " + p.photo());
      }
      byPerson.computeIfAbsent(p.name(), k -> new ArrayList<>())
          .add(new PhotoCheck.Photo(p.photo(), pipeline.embedAll(ImageOps.read(p.photo()))));
    }
    String model = pipeline.embedder().spec().name();
    Facebank.Builder bank = Facebank.builder();
    List<Path> missed = new ArrayList<>();
    List<PhotoCheck.Checked> checks = new ArrayList<>();
    byPerson.forEach((person, personPhotos) -> {
      for (PhotoCheck.Checked c : PhotoCheck.check(person, personPhotos, enrolled.getOrDefault(person, List.of()),
          minAgreement, insist)) {
        checks.add(c);
        if (c.verdict() == PhotoCheck.Verdict.NO_FACE) {
          LOG.warn("no face found in cast photo {}", c.photo().photo());
          missed.add(c.photo().photo());
        } else if (c.enrolled()) {
          bank.add(person, seed(c, c.photo().photo().getFileName().toString(), model));
        }
        if (c.reason() != null && c.verdict() != PhotoCheck.Verdict.NO_FACE) {
          LOG.warn("cast photo {} of {}: {}", c.photo().photo(), person, c.reason());
        }
      }
    });
    return new Result(bank.build(), missed, checks);
  }

  /**
   * The seed of a checked photo's face.
   *
   * @param sourcePhoto recorded as the seed's source photo
   * @param model       the embedder's name
   */
  static FacebankSeed seed(PhotoCheck.Checked checked, String sourcePhoto, String model) {
    return new FacebankSeed(checked.face().embedding(), sourcePhoto, model, null, checked.where());
  }

  /**
   * The seed of one photo: its most prominent (largest) face, detected, aligned and embedded.
   *
   * @param sourcePhoto recorded as the seed's source photo
   * @return empty when the photo has no face with landmarks
   * @throws io.screenalytics.vision.model.InferenceException when a model fails
   */
  public static Optional<FacebankSeed> seed(BgrImage photo, String sourcePhoto, FacePipeline pipeline) {
    String model = pipeline.embedder().spec().name();
    return pipeline.embedPrimaryFace(photo).map(f -> new FacebankSeed(f.embedding(), sourcePhoto, model));
  }
}
