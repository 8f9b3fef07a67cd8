package io.screenalytics.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system helpers for the directories the local cluster creates. */
final class Directories {

  private Directories() {
  }

  /**
   * Creates a fresh directory under the system temp directory, named {@code prefix} plus a random suffix.
   *
   * @throws UncheckedIOException if the directory cannot be created
   */
  static Path createTemp(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp directory " + prefix + "*", e);
    }
  }

  /**
   * Creates {@code dir} and its parents if missing.
   *
   * @throws UncheckedIOException if it cannot be created
   */
  static Path ensure(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir, e);
    }
  }

  /**
   * Deletes {@code dir} and everything below it; a missing directory is not an error.
   *
   * @throws UncheckedIOException if something cannot be deleted
   */
  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
