package io.screenalytics.decoder.service;

import io.screenalytics.store.ArtifactStores;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An episode's video as a local file FFmpeg can open. Local paths and {@code file:} URIs pass through as given
 * (the decoder itself checks them and says precisely what is wrong); {@code s3://bucket/key} objects are
 * downloaded to a temporary file first (FFmpeg cannot stream an MP4 whose index is at the end), which
 * {@link #close()} deletes.
 */
final class EpisodeInput implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EpisodeInput.class);

  private final String location;
  private final Path downloaded;

  private EpisodeInput(String location, Path downloaded) {
    this.location = location;
    this.downloaded = downloaded;
  }

  /** Why an input could not be made local; {@link #reason()} starts with a lower-case reason code. */
  static final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String reason, Throwable cause) {
      super(reason, cause);
    }

    /** {@code not_found: ...}, {@code unreadable: ...} or {@code invalid_location: ...}. */
    String reason() {
      return getMessage();
    }
  }

  /**
   * Resolves a request's {@code video_uri}.
   *
   * @param uri a local path, {@code file:} URI or {@code s3://bucket/key}
   * @param storeSettings {@code store.*} settings: S3 endpoint, region, path style, credentials
   * @param tempDir where S3 objects are downloaded
   * @throws InputException {@code not_found} for a missing object or bucket, {@code unreadable} when access is
   *     denied or the endpoint fails, {@code invalid_location} for a malformed {@code s3://} URI
   */
  static EpisodeInput open(String uri, Map<String, String> storeSettings, Path tempDir) throws InputException {
    if (!ArtifactStores.isS3Uri(uri)) {
      return new EpisodeInput(uri, null);
    }
    try {
      Path local = ArtifactStores.fetch(uri, storeSettings, tempDir);
      return new EpisodeInput(local.toString(), local);
    } catch (NoSuchFileException e) { // the store's messages name the URI, bucket and endpoint
      throw new InputException("not_found: " + e.getMessage(), e);
    } catch (AccessDeniedException e) {
      throw new InputException("unreadable: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InputException("unreadable: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InputException("invalid_location: " + e.getMessage(), e);
    }
  }

  /** What to hand to the decoder: the location as given, or the downloaded file. */
  String location() {
    return location;
  }

  /** Deletes the downloaded file, if any. Never throws. */
  @Override
  public void close() {
    if (downloaded == null) {
      return;
    }
    try {
      Files.deleteIfExists(downloaded);
    } catch (IOException e) {
      LOG.warn("cannot delete downloaded input {}: {}", downloaded, e.toString());
    }
  }
}
