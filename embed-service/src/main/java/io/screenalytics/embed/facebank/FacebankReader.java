package io.screenalytics.embed.facebank;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the facebank JSON that cast enrolment writes (the format of assembly-service's {@code FacebankJson},
 * read here on its own so that services do not depend on each other):
 *
 * <pre>
 * { "schema_version" : 1,
 *   "people" : [ { "name" : "Lisa", "seeds" : [
 *       { "source_photo" : "lisa_01.jpg", "model" : "fr_feature", "dims" : 512, "embedding" : [ ... ] } ] } ] }
 * </pre>
 *
 * <p>Only seeds whose {@code model} equals the embedder's model name are kept. Unknown properties are ignored.
 * Stateless and thread-safe.
 */
public final class FacebankReader {

  /** The format version this reader understands. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .build();

  private record SeedDoc(String sourcePhoto, String model, int dims, float[] embedding) {}

  private record PersonDoc(String name, List<SeedDoc> seeds) {}

  private record FacebankDoc(int schemaVersion, List<PersonDoc> people) {}

  private FacebankReader() {}

  /**
   * Parses a facebank and keeps the seeds of one model.
   *
   * @param json          UTF-8 JSON bytes
   * @param model         the embedder's model name, for example {@code fr_feature}
   * @param minSimilarity cosine similarity at which a face takes a cast member's name
   * @throws IOException on malformed JSON, another schema version, a seed whose {@code dims} disagrees with its
   *     embedding, or a zero-norm seed
   */
  public static CastFacebank parse(byte[] json, String model, double minSimilarity) throws IOException {
    FacebankDoc doc = MAPPER.readValue(json, FacebankDoc.class);
    if (doc.schemaVersion() != SCHEMA_VERSION) {
      throw new IOException("unsupported facebank schema_version " + doc.schemaVersion() + ", expected "
          + SCHEMA_VERSION);
    }
    List<String> names = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (PersonDoc p : doc.people() == null ? List.<PersonDoc>of() : doc.people()) {
      for (SeedDoc s : p.seeds() == null ? List.<SeedDoc>of() : p.seeds()) {
        if (!model.equals(s.model())) {
          continue;
        }
        if (p.name() == null || s.embedding() == null || s.embedding().length != s.dims()) {
          throw new IOException("facebank seed of '" + p.name() + "' (" + s.sourcePhoto() + "): dims " + s.dims()
              + " but embedding has " + (s.embedding() == null ? "none" : s.embedding().length + " values"));
        }
        names.add(p.name());
        vectors.add(s.embedding());
      }
    }
    try {
      return CastFacebank.of(names, vectors, minSimilarity);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid facebank: " + e.getMessage(), e);
    }
  }
}
