package io.screenalytics.algorithms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored reference answers under {@code src/test/resources/reference/}, written once by
 * {@code src/test/python/make_reference.py} from SciPy, scikit-learn and lap.
 */
public final class Reference {

  private Reference() {
  }

  /**
   * The cases of one reference file.
   *
   * @param file e.g. {@code "roc.json"}
   * @return its {@code cases} array as a list (an object when the file groups cases by kind)
   */
  public static List<JsonNode> cases(String file) {
    JsonNode cases = read(file).get("cases");
    List<JsonNode> out = new ArrayList<>();
    cases.forEach(out::add);
    return out;
  }

  /** The whole {@code cases} node of a reference file. */
  public static JsonNode casesNode(String file) {
    return read(file).get("cases");
  }

  private static JsonNode read(String file) {
    try (InputStream in = Reference.class.getResourceAsStream("/reference/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource reference/" + file);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON array of numbers as {@code double[]}. */
  public static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** A JSON array of arrays of numbers as {@code double[][]}. */
  public static double[][] matrix(JsonNode rows) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(rows.get(i));
    }
    return out;
  }

  /** A JSON array of integers as {@code int[]}. */
  public static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
