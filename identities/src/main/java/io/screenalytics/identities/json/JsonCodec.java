package io.screenalytics.identities.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Jackson configuration for every file assembly writes and reads.
 *
 * <p>snake_case property names ({@code frame_idx}, {@code bbox_xyxy}), properties in record-component
 * order, map entries sorted by key, UTF-8, {@code \n} line ends whatever the platform, and no time
 * stamps: the same value always gives the same bytes. Unknown properties are ignored on read so that
 * later schema versions may add fields.
 *
 * <p>Thread-safe (Jackson mappers and writers are, once configured).
 */
public final class JsonCodec {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, false)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
      .build();

  private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private static final ObjectWriter COMPACT = MAPPER.writer();

  private JsonCodec() {}

  /** The shared mapper; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code value} as indented JSON ending in a newline, UTF-8. */
  public static byte[] pretty(Object value) {
    try {
      byte[] body = PRETTY.writeValueAsBytes(value);
      byte[] out = new byte[body.length + 1];
      System.arraycopy(body, 0, out, 0, body.length);
      out[body.length] = '\n';
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** JSON Lines: one compact JSON document per element, each ending in {@code \n}, UTF-8. */
  public static byte[] jsonLines(List<?> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (Object v : values) {
        COMPACT.writeValue(out, v);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise JSON lines", e);
    }
    return out.toByteArray();
  }

  /**
   * Reads one JSON document.
   *
   * @throws IOException when the bytes are not valid JSON of {@code type}
   */
  public static <T> T read(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  /**
   * Reads JSON Lines, skipping blank lines.
   *
   * @throws IOException when a line is not valid JSON of {@code type} (the message names the line)
   */
  public static <T> List<T> readLines(byte[] jsonl, Class<T> type) throws IOException {
    List<T> out = new ArrayList<>();
    String[] lines = new String(jsonl, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        out.add(MAPPER.readValue(lines[i], type));
      } catch (IOException e) {
        throw new IOException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
