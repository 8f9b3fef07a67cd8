package io.screenalytics.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Episode ids travel in keys, topic records, object-store keys and folder names, so they are restricted
 * to a safe alphabet: 1-128 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit,
 * never containing {@code ..}. No path traversal can be built from a valid id.
 */
public final class EpisodeIds {

  /** The accepted form. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private EpisodeIds() {}

  /** True when {@code id} is a valid episode id. */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches() && !id.contains("..");
  }

  /**
   * Returns {@code id} when valid.
   *
   * @throws IllegalArgumentException naming the id and the accepted form otherwise
   */
  public static String validate(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("invalid episode id '" + id + "': expected 1-128 characters of "
          + "[A-Za-z0-9._-], starting with a letter or digit, without '..'");
    }
    return id;
  }

  /** A valid id derived from a file name: extension dropped, other characters replaced by '_'. */
  public static String fromFileName(String fileName) {
    String base = fileName.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_")
        .replace("..", "_").toLowerCase(Locale.ROOT);
    base = base.replaceFirst("^[^A-Za-z0-9]+", "");
    if (base.isEmpty()) {
      base = "episode";
    }
    return base.length() > 128 ? base.substring(0, 128) : base;
  }
}
