package io.screenalytics.deploy;

import java.util.regex.Pattern;

/**
 * A container image reference and whether it is pinned to an exact version: a digest, or a tag that is a full
 * version ({@code 4.1.0}, {@code 2.4.2.Final}, {@code 17.0.15_6-jre-jammy}) or a timestamped release
 * ({@code RELEASE.2025-04-22T22-12-26Z}), or for PostgreSQL, whose versions have two numbers and whose minor
 * releases are its patch releases (postgresql.org/support/versioning), major.minor ({@code postgres:16.4}); never
 * {@code latest}, a bare major, another image's major.minor, or no tag.
 *
 * @param reference the whole reference, {@code repository[:tag][@digest]}
 */
record ImageRef(String reference) {

  private static final Pattern EXACT_VERSION = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([._+-][A-Za-z0-9._-]+)?");
  private static final Pattern TIMESTAMPED = Pattern.compile("RELEASE\\.\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z");
  private static final Pattern POSTGRES_VERSION = Pattern.compile("\\d+\\.\\d+([.-][A-Za-z0-9._-]+)?");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** The repository, without tag or digest. */
  String repository() {
    String r = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
  }

  /** The tag, or empty. */
  String tag() {
    String r = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? r.substring(colon + 1) : "";
  }

  /** True when the reference names one exact image. */
  boolean isPinned() {
    if (reference.contains("@")) {
      return DIGEST.matcher(reference.substring(reference.indexOf('@') + 1)).matches();
    }
    String tag = tag();
    return EXACT_VERSION.matcher(tag).matches() || TIMESTAMPED.matcher(tag).matches()
        || (repository().equals("postgres") && POSTGRES_VERSION.matcher(tag).matches());
  }
}
