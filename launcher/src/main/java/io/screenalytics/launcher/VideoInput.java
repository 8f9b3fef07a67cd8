package io.screenalytics.launcher;

import io.screenalytics.store.EpisodeIds;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code --video} of {@code run}: a local file, checked before any work starts, or an {@code s3://} URI, which
 * only the decoder can check (with the store's credentials).
 *
 * @param location what the episode request carries: the file's absolute path, or the URI as given
 * @param fileName the file name, from which the default episode id comes
 */
record VideoInput(String location, String fileName) {

  /**
   * Checks a local video: it exists, is a regular readable file and is not empty; an {@code s3://} URI is taken
   * as it is.
   *
   * @throws NoSuchFileException when the file does not exist
   * @throws IllegalArgumentException when it is a folder, unreadable or empty
   * @throws java.io.IOException when its size cannot be read
   */
  static VideoInput check(String video) throws java.io.IOException {
    if (video.startsWith("s3://")) {
      return new VideoInput(video, video.replaceFirst(".*/", ""));
    }
    Path file = Path.of(video).toAbsolutePath();
    if (!Files.exists(file)) {
      throw new NoSuchFileException(video, null, "no such video file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("video " + video + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("video " + video + " is not readable (permissions)");
    }
    if (Files.size(file) == 0) {
      throw new IllegalArgumentException("video " + video + " is empty (0 bytes)");
    }
    return new VideoInput(file.toString(), file.getFileName().toString());
  }

  /** The given episode id, validated, or the one derived from the file name. */
  String episodeId(String given) {
    return given != null ? EpisodeIds.validate(given) : EpisodeIds.fromFileName(fileName);
  }
}
