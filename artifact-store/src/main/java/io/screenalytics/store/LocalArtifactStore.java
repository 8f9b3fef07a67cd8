package io.screenalytics.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link ArtifactStore} on a local directory: key {@code a/b/c.json} is file {@code <root>/a/b/c.json}.
 *
 * <p>{@link #put} writes a temporary file next to the target and renames it over the target (atomic
 * where the file system supports it), so a crash leaves the old or the new file. {@link #delete}
 * removes directories left empty, up to the root. Thread-safe for distinct keys.
 */
public final class LocalArtifactStore implements ArtifactStore {

  private final Path root;

  /**
   * @param root directory holding the store; created on first write
   */
  public LocalArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /** Reads a {@code file:} URI or a plain path (anywhere, not only under the root). */
  @Override
  public byte[] readUri(String uri) throws IOException {
    return Files.readAllBytes(ArtifactStores.localPath(uri));
  }

  /** {@code file:///<root>/<key>} (with a trailing {@code /} for a directory {@code key/}). */
  @Override
  public String uri(String key) {
    boolean directory = ArtifactKeys.validateKeyOrDirectory(key).endsWith("/");
    String uri = resolve(directory ? key.substring(0, key.length() - 1) : key).toUri().toString();
    return directory && !uri.endsWith("/") ? uri + "/" : uri;
  }

  @Override
  public String toString() {
    return "LocalArtifactStore[" + root + "]";
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = resolve(key);
    Path tmp = createTemp(target.getParent());
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    Path file = resolve(key);
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    return Files.isRegularFile(resolve(key));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    ArtifactKeys.validatePrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path dir = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(Files::isRegularFile).forEach(p -> {
        String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        if (key.startsWith(prefix) && ArtifactKeys.isValid(key)) {
          keys.add(key);
        }
      });
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    Path file = resolve(key);
    Files.deleteIfExists(file);
    for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root);
        dir = dir.getParent()) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        break;
      }
    }
  }

  /** A temporary file in {@code dir}, retrying when a concurrent delete pruned the directory. */
  private static Path createTemp(Path dir) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Files.createDirectories(dir);
      try {
        return Files.createTempFile(dir, ".put-", ".tmp");
      } catch (NoSuchFileException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private Path resolve(String key) {
    Path p = root.resolve(ArtifactKeys.validate(key)).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("artifact key '" + key + "' escapes the store root");
    }
    return p;
  }
}
