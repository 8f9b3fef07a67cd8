package io.screenalytics.identities.episode;

import java.util.regex.Pattern;

/**
 * Validator for episode ids, which become path segments of every artifact key
 * ({@code episodes/<episode_id>/...}).
 *
 * <p>Accepted: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}} (the pattern declared on the ingest topic's
 * {@code EpisodeRequest.episode_id}) and containing no {@code ..} anywhere. This rules out the empty
 * string, {@code /}, {@code \}, {@code ..} and {@code .} segments, so an id can never escape its
 * {@code episodes/} prefix in a local directory or an S3 bucket.
 *
 * <p>Stateless and thread-safe.
 */
public final class EpisodeId {

  /** The accepted shape; {@code ..} is rejected separately. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private EpisodeId() {}

  /**
   * Returns {@code id} unchanged when it is a valid episode id.
   *
   * @throws IllegalArgumentException when {@code id} is null, empty, longer than 128 characters, has a
   *     character outside {@code [A-Za-z0-9._-]}, starts with {@code .}, {@code _} or {@code -}, or
   *     contains {@code ..}
   */
  public static String validate(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          "invalid episode id '" + id + "': expected " + PATTERN.pattern() + " without '..'");
    }
    return id;
  }

  /** Whether {@code id} is a valid episode id (see {@link #validate(String)}). */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches() && !id.contains("..");
  }
}
