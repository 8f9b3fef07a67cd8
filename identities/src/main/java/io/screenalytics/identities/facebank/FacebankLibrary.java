package io.screenalytics.identities.facebank;

import io.screenalytics.store.ArtifactKeys;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.Checksums;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.pipeline.FacePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named facebanks of an artifact store, edited person by person: {@code facebanks/<bank>.json}
 * ({@link FacebankJson}) plus a copy of every seed photo under
 * {@code facebanks/<bank>/photos/<sha256 prefix>_<file name>}. A seed's {@code source_photo} is that key,
 * so every seed can be traced to (and re-embedded from) the photo it came from; its {@code model} names
 * the embedder. Photos go through the episode's own detect-align-embed path, every face of each embedded, and
 * {@link PhotoCheck} takes the face the person's photos (new and enrolled) agree on, leaving out doubtful photos.
 *
 * <p>Adding is idempotent: a photo already enrolled for a person with the same model replaces its seed.
 * Not safe against concurrent edits of one facebank (last writer wins); thread-safe otherwise.
 */
public final class FacebankLibrary {

  private static final Logger LOG = LoggerFactory.getLogger(FacebankLibrary.class);
  /** Hex digits of the photo's sha256 in its key: 48 bits, collisions negligible within one facebank. */
  private static final int HASH_CHARS = 12;

  private final ArtifactStore store;

  /**
   * What an {@link #add} did.
   *
   * @param facebank          the updated facebank
   * @param seeds             seeds added
   * @param photosWithoutFace photos without a face
   * @param checks            every photo's check ({@link PhotoCheck}), in the order given
   */
  public record Added(Facebank facebank, List<FacebankSeed> seeds, List<Path> photosWithoutFace,
      List<PhotoCheck.Checked> checks) {
    public Added {
      seeds = List.copyOf(seeds);
      photosWithoutFace = List.copyOf(photosWithoutFace);
      checks = List.copyOf(checks);
    }

    /** Photos with a face that were left out, or taken only because the caller insisted. */
    public List<PhotoCheck.Checked> doubtful() {
      return checks.stream().filter(c -> c.reason() != null && c.verdict() != PhotoCheck.Verdict.NO_FACE).toList();
    }
  }

  /**
   * What an {@link #enrolCast} did: the photos' own enrolment, and the facebank as saved (with the seeds a review
   * taught it and the people not in the cast).
   */
  public record CastEnrolled(CastEnrolment.Result enrolment, Facebank facebank) {
    /** Seeds kept beside the cast photos' own (learned by reviews, or of people not in the cast). */
    public int keptSeeds() {
      return facebank.seedCount() - enrolment.facebank().seedCount();
    }
  }

  /** @param store where the facebanks live */
  public FacebankLibrary(ArtifactStore store) {
    this.store = store;
  }

  /**
   * Checks a facebank name: one key segment ({@link ArtifactKeys#SEGMENT}) not ending in {@code .json}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String validateName(String bank) {
    if (!ArtifactKeys.isSegment(bank) || bank.endsWith(".json")) {
      throw new IllegalArgumentException("invalid facebank name '" + bank + "': expected "
          + ArtifactKeys.SEGMENT.pattern() + " without a .json suffix");
    }
    return bank;
  }

  /** Names of the store's facebanks, ascending. */
  public List<String> names() throws IOException {
    List<String> out = new ArrayList<>();
    for (String key : store.list(StoreLayout.FACEBANKS)) {
      StoreLayout.facebankName(key).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The facebank {@code bank}, if stored.
   *
   * @throws IOException when it cannot be read or parsed
   * @throws IllegalArgumentException on an invalid name
   */
  public Optional<Facebank> find(String bank) throws IOException {
    Optional<byte[]> json = store.get(StoreLayout.facebank(validateName(bank)));
    return json.isEmpty() ? Optional.empty() : Optional.of(FacebankJson.fromJson(json.get()));
  }

  /**
   * Enrols photos of one person into {@code bank}, creating it if needed, at {@link PhotoCheck}'s default agreement
   * without insisting.
   *
   * @see #add(String, String, List, FacePipeline, boolean)
   */
  public Added add(String bank, String person, List<Path> photos, FacePipeline pipeline) throws IOException {
    return add(bank, person, photos, pipeline, false);
  }

  /**
   * Enrols photos of one person into {@code bank}, creating it if needed. Every photo is checked to exist
   * before anything changes; every face of each is embedded and {@link PhotoCheck} compares them with one another
   * and with the person's seeds enrolled from other photos: photos without a face, with several faces none of
   * which the person's photos agree on, or whose face disagrees are left out (unless {@code insist}) and reported.
   *
   * @param person name as it will appear in identities and reports
   * @param insist enrol doubtful photos anyway (the largest face of an ambiguous one)
   * @throws NoSuchFileException when a photo is missing
   * @throws IOException when a photo or the store cannot be read or written
   * @throws IllegalArgumentException on an invalid facebank name, a blank person name or an unreadable image
   */
  public Added add(String bank, String person, List<Path> photos, FacePipeline pipeline, boolean insist)
      throws IOException {
    if (person == null || person.isBlank()) {
      throw new IllegalArgumentException("person name must not be blank");
    }
    for (Path p : photos) {
      if (!Files.isRegularFile(p)) {
        throw new NoSuchFileException(p.toString(), null, "photo not found");
      }
    }
    Facebank current = find(bank).orElse(Facebank.empty());
    String model = pipeline.embedder().spec().name();
    List<byte[]> bytes = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<PhotoCheck.Photo> checked = new ArrayList<>();
    for (Path photo : photos) {
      byte[] b = Files.readAllBytes(photo);
      bytes.add(b);
      keys.add(photoKey(bank, photo, b));
      checked.add(new PhotoCheck.Photo(photo, pipeline.embedAll(ImageOps.decode(b))));
    }
    Map<String, FacebankSeed> seeds = new LinkedHashMap<>();
    current.seeds(person).forEach(s -> seeds.put(s.sourcePhoto() + "|" + s.model(), s));
    List<float[]> enrolled = current.seeds(person).stream()
        .filter(s -> s.provenance() == null && s.model().equals(model) && !keys.contains(s.sourcePhoto()))
        .map(FacebankSeed::embedding).toList();
    List<PhotoCheck.Checked> checks = PhotoCheck.check(person, checked, enrolled, PhotoCheck.DEFAULT_MIN_AGREEMENT,
        insist);
    List<FacebankSeed> added = new ArrayList<>();
    List<Path> missed = new ArrayList<>();
    for (int i = 0; i < photos.size(); i++) {
      PhotoCheck.Checked c = checks.get(i);
      if (c.verdict() == PhotoCheck.Verdict.NO_FACE) {
        LOG.warn("no face found in {}", photos.get(i));
        missed.add(photos.get(i));
      }
      if (!c.enrolled()) {
        continue;
      }
      FacebankSeed seed = CastEnrolment.seed(c, keys.get(i), model);
      store.put(keys.get(i), bytes.get(i));
      seeds.put(keys.get(i) + "|" + model, seed);
      added.add(seed);
    }
    Facebank updated = current.with(person, new ArrayList<>(seeds.values()), current.rejections(person));
    save(bank, updated);
    return new Added(updated, added, missed, checks);
  }

  /**
   * Enrols a cast into {@code bank} ({@code facebanks/<bank>.json}), creating or extending it: each cast member's
   * photo seeds are replaced by the new ones, while the seeds a review taught it (with provenance), the people not
   * in the cast and every rejection are kept. The photos go through {@link CastEnrolment#enrol} with
   * {@code pipeline}, whose embedder names every new seed's model.
   *
   * @param photos the cast's photos ({@link CastEnrolment#list(Path)})
   * @throws IOException when a photo or the store cannot be read or written
   * @throws IllegalArgumentException on an invalid facebank name
   */
  public CastEnrolled enrolCast(String bank, List<CastEnrolment.CastPhoto> photos, FacePipeline pipeline)
      throws IOException {
    return enrolCast(bank, photos, pipeline, false);
  }

  /**
   * {@link #enrolCast(String, List, FacePipeline)}, enrolling doubtful photos anyway when {@code insist}.
   *
   * @throws IOException when a photo or the store cannot be read or written
   * @throws IllegalArgumentException on an invalid facebank name
   */
  public CastEnrolled enrolCast(String bank, List<CastEnrolment.CastPhoto> photos, FacePipeline pipeline,
      boolean insist) throws IOException {
    validateName(bank);
    CastEnrolment.Result result = CastEnrolment.enrol(photos, pipeline, Map.of(), PhotoCheck.DEFAULT_MIN_AGREEMENT,
        insist);
    Facebank current = find(bank).orElse(Facebank.empty());
    Facebank updated = current;
    for (String person : result.facebank().names()) {
      List<FacebankSeed> seeds = new ArrayList<>(result.facebank().seeds(person));
      current.seeds(person).stream().filter(s -> s.provenance() != null).forEach(seeds::add);
      updated = updated.with(person, seeds, current.rejections(person));
    }
    save(bank, updated);
    return new CastEnrolled(result, updated);
  }

  /**
   * Removes a person from {@code bank}, or only the seeds whose source photo is {@code photo} (its store
   * key, or the original file name); stored photos no seed refers to any more are deleted.
   *
   * @param photo empty to remove the person
   * @return seeds removed (0 when the person or photo was not there)
   * @throws NoSuchFileException when the facebank does not exist
   * @throws IOException when the store fails
   */
  public int remove(String bank, String person, Optional<String> photo) throws IOException {
    Facebank current = find(bank).orElseThrow(() -> new NoSuchFileException(StoreLayout.facebank(bank), null,
        "no such facebank"));
    List<FacebankSeed> kept = new ArrayList<>();
    for (FacebankSeed s : current.seeds(person)) {
      if (photo.isPresent() && !isPhoto(s.sourcePhoto(), photo.get())) {
        kept.add(s);
      }
    }
    int removed = current.seeds(person).size() - kept.size();
    if (removed == 0) {
      return 0;
    }
    Facebank updated = current.with(person, kept, current.rejections(person));
    save(bank, updated);
    Set<String> referenced = new HashSet<>();
    updated.names().forEach(n -> updated.seeds(n).forEach(s -> referenced.add(s.sourcePhoto())));
    for (FacebankSeed s : current.seeds(person)) {
      if (!referenced.contains(s.sourcePhoto()) && s.sourcePhoto().startsWith(StoreLayout.facebankPhotos(bank))) {
        store.delete(s.sourcePhoto());
      }
    }
    return removed;
  }

  /** Stores {@code facebank} as {@code facebanks/<bank>.json}. */
  public void save(String bank, Facebank facebank) throws IOException {
    store.put(StoreLayout.facebank(validateName(bank)), FacebankJson.toJson(facebank));
  }

  /** Whether a seed's source is {@code photo}: the key itself, or its file name after the hash prefix. */
  private static boolean isPhoto(String source, String photo) {
    return source.equals(photo) || source.endsWith("/" + photo) || source.endsWith("_" + photo);
  }

  /** {@code facebanks/<bank>/photos/<sha256 prefix>_<file name made key-safe>}. */
  static String photoKey(String bank, Path photo, byte[] bytes) {
    String name = photo.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    name = name.length() > 80 ? name.substring(name.length() - 80) : name;
    return StoreLayout.enrolledPhoto(validateName(bank), Checksums.sha256(bytes).substring(0, HASH_CHARS), name);
  }
}
