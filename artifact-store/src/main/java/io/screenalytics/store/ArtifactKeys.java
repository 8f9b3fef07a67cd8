package io.screenalytics.store;

import java.util.regex.Pattern;

/**
 * Validation of artifact keys: S3-style object names made of {@code /}-separated segments.
 *
 * <p>A key is 1..1024 characters of segments matching {@code [A-Za-z0-9_-][A-Za-z0-9._-]*} joined by
 * single {@code /}; no leading or trailing {@code /}, no empty, {@code .} or {@code ..} segment, no
 * {@code \}. Such a key maps to the same relative path in a local directory and in a bucket and can
 * never leave the store's root. (Segments cannot start with {@code .}, which also keeps the local
 * store's temporary files out of every listing.)
 *
 * <p>Stateless and thread-safe.
 */
public final class ArtifactKeys {

  /** One path segment. */
  public static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  /** Longest accepted key, as S3. */
  public static final int MAX_LENGTH = 1024;

  private ArtifactKeys() {}

  /**
   * Returns {@code key} unchanged when valid.
   *
   * @throws IllegalArgumentException otherwise, naming the key
   */
  public static String validate(String key) {
    if (!isValid(key)) {
      throw new IllegalArgumentException("invalid artifact key '" + key
          + "': expected '/'-separated segments " + SEGMENT.pattern() + ", at most " + MAX_LENGTH
          + " characters");
    }
    return key;
  }

  /** Whether {@code key} is valid (see {@link #validate(String)}). */
  public static boolean isValid(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (!isSegment(segment)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code segment} is one valid key segment. */
  public static boolean isSegment(String segment) {
    return segment != null && SEGMENT.matcher(segment).matches();
  }

  /**
   * Returns {@code keyOrDirectory} unchanged when it is a valid key, or a valid key followed by one {@code /}
   * (a "directory" of keys, as used by {@link ArtifactStore#uri(String)}).
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String validateKeyOrDirectory(String keyOrDirectory) {
    if (keyOrDirectory != null && keyOrDirectory.endsWith("/")) {
      validate(keyOrDirectory.substring(0, keyOrDirectory.length() - 1));
      return keyOrDirectory;
    }
    return validate(keyOrDirectory);
  }

  /**
   * Validates a listing prefix: empty, or valid segments possibly ending in {@code /}, where the last
   * segment may be partial.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String validatePrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("prefix is null");
    }
    String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (!body.isEmpty() && !isValid(body)) {
      throw new IllegalArgumentException("invalid artifact key prefix '" + prefix + "'");
    }
    return prefix;
  }
}
