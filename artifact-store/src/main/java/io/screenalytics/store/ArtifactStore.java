package io.screenalytics.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A flat store of byte blobs under {@code /}-separated keys, shaped like S3: whole-object put and
 * get, list by key prefix, no directories, no partial writes visible.
 *
 * <p>Keys follow {@link ArtifactKeys}; implementations reject invalid keys with
 * {@link IllegalArgumentException}. Storage failures are {@link IOException}s (retriable from the
 * caller's point of view). Implementations must be thread-safe for distinct keys.
 *
 * <p>A store may hold a client (an HTTP connection pool for S3): close it when done; closing a local store does
 * nothing. {@link ArtifactStores#open(java.util.Map)} picks the implementation from settings.
 */
public interface ArtifactStore extends Closeable {

  /**
   * Stores {@code bytes} under {@code key}, replacing any previous object atomically: readers see the
   * old or the new bytes, never a mix.
   */
  void put(String key, byte[] bytes) throws IOException;

  /** The object under {@code key}, or empty when there is none. */
  Optional<byte[]> get(String key) throws IOException;

  /** Whether an object exists under {@code key}. */
  boolean exists(String key) throws IOException;

  /**
   * Keys starting with {@code prefix} (a plain string prefix, as S3's {@code ListObjectsV2}), in
   * ascending {@link String#compareTo} order. {@code ""} lists everything.
   */
  List<String> list(String prefix) throws IOException;

  /** Deletes the object under {@code key}; no-op when absent. */
  void delete(String key) throws IOException;

  /**
   * The object under {@code key}.
   *
   * @throws java.nio.file.NoSuchFileException when absent
   */
  default byte[] require(String key) throws IOException {
    return get(key).orElseThrow(() -> new java.nio.file.NoSuchFileException(key));
  }

  /**
   * Where the object under {@code key} lives, as a URI another process can read: {@code file:///abs/path/key}
   * for a local store, {@code s3://bucket/prefix/key} for S3. The object need not exist. A key followed by
   * {@code /} (for example {@code episodes/e1/}) gives the URI of that "directory", ending in {@code /}.
   *
   * @throws IllegalArgumentException for an invalid key
   * @throws UnsupportedOperationException when the implementation has no URI form (both built-in stores have)
   */
  default String uri(String key) {
    throw new UnsupportedOperationException(getClass().getName() + " has no URI form");
  }

  /**
   * The bytes of the object a URI names, read with this store's own client (no temporary file): a URI of {@link
   * #uri(String)}'s form (a claim-checked payload, for example). A local store reads {@code file:} URIs and plain
   * paths; an S3 store reads {@code s3://bucket/key} of any bucket its credentials reach.
   *
   * @throws java.nio.file.NoSuchFileException naming the URI when the object is absent
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException for a malformed URI or a scheme this store cannot read
   */
  byte[] readUri(String uri) throws IOException;

  /** Releases the store's client, if any. Idempotent; the default does nothing. */
  @Override
  default void close() throws IOException {}
}
