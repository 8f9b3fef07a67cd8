package io.screenalytics.identities.facebank;

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
 *       { "source_photo" : "lisa_01.jpg", "model" : "fr_feature", "dims" : 512, "embedding" : [ ... ] } ] } ]
 * }
 * </pre>
 *
 * <p>People are written in name order, seeds in their order; floats are written with Java's shortest
 * round-trip representation, so reading gives back the same bits and writing twice the same bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class FacebankJson {

  /** Version of the format above. */
  public static final int SCHEMA_VERSION = 1;

  private record SeedDto(String sourcePhoto, String model, int dims, float[] embedding) {}

  private record PersonDto(String name, List<SeedDto> seeds) {}

  private record FacebankDoc(int schemaVersion, List<PersonDto> people) {}

  private FacebankJson() {}

  /** The facebank as JSON bytes (UTF-8). */
  public static byte[] toJson(Facebank facebank) {
    List<PersonDto> people = new ArrayList<>();
    for (String name : facebank.names()) {
      List<SeedDto> seeds = facebank.seeds(name).stream()
          .map(s -> new SeedDto(s.sourcePhoto(), s.model(), s.embedding().length, s.embedding()))
          .toList();
      people.add(new PersonDto(name, seeds));
    }
    return JsonCodec.pretty(new FacebankDoc(SCHEMA_VERSION, people));
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
        if (s.embedding() == null || s.embedding().length != s.dims()) {
          throw new IOException("facebank seed of '" + p.name() + "' (" + s.sourcePhoto()
              + "): dims " + s.dims() + " but embedding has "
              + (s.embedding() == null ? "none" : s.embedding().length + " values"));
        }
        try {
          builder.add(p.name(), new FacebankSeed(s.embedding(), s.sourcePhoto(), s.model()));
        } catch (RuntimeException e) {
          throw new IOException("invalid facebank seed of '" + p.name() + "': " + e.getMessage(), e);
        }
      }
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid facebank: " + e.getMessage(), e);
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
