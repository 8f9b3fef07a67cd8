package io.screenalytics.identities.facebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.screenalytics.identities.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Facebank persistence as JSON.
 *
 * <pre>
 * {
 *   "schema_version" : 1,
 *   "people" : [ { "name" : "Lisa", "seeds" : [
 *       { "source_photo" : "lisa_01.jpg", "model" : "fr_feature", "dims" : 512, "embedding" : [ ... ],
 *         "photo_face" : { "bbox_xyxy" : [ 120.5, 80.2, 310.0, 330.8 ], "faces_in_photo" : 2, "agreement" : 0.41 } },
 *       { "source_photo" : "facebanks/bank/photos/s01e01_t7_f120.jpg", ..., "provenance" : { "episode_id" :
 *         "s01e01", "identity_id" : "unknown_02", "track_id" : 7, "frame_idx" : 120, "face_id" : "...",
 *         "decision" : 1 } } ] } ],
 *   "rejections" : [ { "name" : "Lisa", "seeds" : [ ... ] } ]
 * }
 * </pre>
 *
 * <p>{@code photo_face} (which face of the photo, and its agreement with the person's other photos: {@link
 * PhotoCheck}; no {@code agreement} when there was nothing to compare with), {@code provenance} (seeds learned from
 * an episode) and {@code rejections} (faces a reviewer said are not that
 * person) are left out when absent, so a facebank of photos only keeps its bytes.
 *
 * <p>People are written in name order, seeds in their order; floats are written with Java's shortest
 * round-trip representation, so reading gives back the same bits and writing twice the same bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class FacebankJson {

  /** Version of the format above. */
  public static final int SCHEMA_VERSION = 1;

  private record SeedDto(String sourcePhoto, String model, int dims, float[] embedding,
      @JsonInclude(JsonInclude.Include.NON_NULL) SeedProvenance provenance,
      @JsonInclude(JsonInclude.Include.NON_NULL) PhotoFaceDto photoFace) {
    static SeedDto of(FacebankSeed s) {
      return new SeedDto(s.sourcePhoto(), s.model(), s.embedding().length, s.embedding(), s.provenance(),
          PhotoFaceDto.of(s.photoFace()));
    }
  }

  /** {@link PhotoFace} on disk: {@code agreement} null when there was nothing to compare with. */
  private record PhotoFaceDto(float[] bboxXyxy, int facesInPhoto,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double agreement) {
    static PhotoFaceDto of(PhotoFace f) {
      return f == null ? null : new PhotoFaceDto(f.bboxXyxy(), f.facesInPhoto(),
          Double.isNaN(f.agreement()) ? null : f.agreement());
    }

    PhotoFace toPhotoFace() {
      return new PhotoFace(bboxXyxy, facesInPhoto, agreement == null ? Double.NaN : agreement);
    }
  }

  private record PersonDto(String name, List<SeedDto> seeds) {}

  private record FacebankDoc(int schemaVersion, List<PersonDto> people,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PersonDto> rejections) {}

  private FacebankJson() {}

  /** The facebank as JSON bytes (UTF-8). */
  public static byte[] toJson(Facebank facebank) {
    List<PersonDto> people = new ArrayList<>();
    for (String name : facebank.names()) {
      people.add(new PersonDto(name, facebank.seeds(name).stream().map(SeedDto::of).toList()));
    }
    List<PersonDto> rejections = new ArrayList<>();
    for (String name : facebank.rejectedNames()) {
      rejections.add(new PersonDto(name, facebank.rejections(name).stream().map(SeedDto::of).toList()));
    }
    return JsonCodec.pretty(new FacebankDoc(SCHEMA_VERSION, people, rejections));
  }

  /**
   * Parses {@link #toJson(Facebank)} output.
   *
   * @throws IOException on malformed JSON, an unsupported schema version or a seed whose
   *     {@code dims} disagrees with its embedding length
   */
  public static Facebank fromJson(byte[] json) throws IOException {
    FacebankDoc doc = JsonCodec.read(json, FacebankDoc.class);
    if (doc.schemaVersion() != SCHEMA_VERSION) {
      throw new IOException("unsupported facebank schema_version " + doc.schemaVersion()
          + ", expected " + SCHEMA_VERSION);
    }
    Facebank.Builder builder = Facebank.builder();
    for (PersonDto p : doc.people() == null ? List.<PersonDto>of() : doc.people()) {
      for (SeedDto s : p.seeds() == null ? List.<SeedDto>of() : p.seeds()) {
        builder.add(p.name(), seed(p, s));
      }
    }
    for (PersonDto p : doc.rejections() == null ? List.<PersonDto>of() : doc.rejections()) {
      for (SeedDto s : p.seeds() == null ? List.<SeedDto>of() : p.seeds()) {
        builder.reject(p.name(), seed(p, s));
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid facebank: " + e.getMessage(), e);
    }
  }

  private static FacebankSeed seed(PersonDto p, SeedDto s) throws IOException {
    if (s.embedding() == null || s.embedding().length != s.dims()) {
      throw new IOException("facebank seed of '" + p.name() + "' (" + s.sourcePhoto()
          + "): dims " + s.dims() + " but embedding has "
          + (s.embedding() == null ? "none" : s.embedding().length + " values"));
    }
    try {
      return new FacebankSeed(s.embedding(), s.sourcePhoto(), s.model(), s.provenance(),
          s.photoFace() == null ? null : s.photoFace().toPhotoFace());
    } catch (RuntimeException e) {
      throw new IOException("invalid facebank seed of '" + p.name() + "': " + e.getMessage(), e);
    }
  }

  /** Writes the facebank to {@code file}, creating parent directories. */
  public static void write(Path file, Facebank facebank) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, toJson(facebank));
  }

  /** Reads a facebank written by {@link #write(Path, Facebank)}. */
  public static Facebank read(Path file) throws IOException {
    return fromJson(Files.readAllBytes(file));
  }
}
