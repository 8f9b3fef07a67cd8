package io.screenalytics.vision.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SHA-256 of files, cached per (path, size, modification time) for the life of the process. Thread-safe. */
final class Sha256Cache {

  private record FileKey(Path path, long size, long modifiedMillis) {
  }

  private static final Map<FileKey, String> CACHE = new ConcurrentHashMap<>();

  private Sha256Cache() {
  }

  /** Hex SHA-256 of the file; {@code bytes} is its content when the caller already read it, else {@code null}. */
  static String hashOf(Path file, byte[] bytes) {
    FileKey key;
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      key = new FileKey(file.toAbsolutePath().normalize(), attrs.size(), attrs.lastModifiedTime().toMillis());
    } catch (IOException e) {
      throw new ModelException("Cannot read attributes of " + file + ": " + e.getMessage(), e);
    }
    return CACHE.computeIfAbsent(key, k -> bytes != null && bytes.length == k.size() ? hash(bytes) : hash(file));
  }

  static String hash(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String hash(Path file) {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    } catch (IOException e) {
      throw new ModelException("Cannot read " + file + " to hash it: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
