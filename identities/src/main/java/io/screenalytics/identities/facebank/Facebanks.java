package io.screenalytics.identities.facebank;

import io.screenalytics.store.StoreLayout;
import io.screenalytics.store.ArtifactStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where facebanks live: artifact-store keys ({@code facebanks/<name>.json}), local paths or {@code file:} URIs. */
public final class Facebanks {

  private Facebanks() {}

  /**
   * Where a facebank given on the command line lives: a bare name ({@code default}, no {@code /}, no
   * {@code .json}) is the store key {@code facebanks/<name>.json}; anything else is a store key under
   * {@code facebanks/}, a path or a {@code file:} URI, as {@link #load} takes it.
   */
  public static String location(String nameOrPath) {
    boolean bareName = !nameOrPath.contains("/") && !nameOrPath.contains("\\")
        && !nameOrPath.endsWith(".json") && !nameOrPath.startsWith("file:");
    return bareName ? StoreLayout.facebank(FacebankLibrary.validateName(nameOrPath)) : nameOrPath;
  }

  /**
   * Loads a facebank; null or blank means none.
   *
   * @throws IOException when it cannot be read or parsed, naming the location
   */
  public static Facebank load(ArtifactStore store, String location) throws IOException {
    if (location == null || location.isBlank()) {
      return Facebank.empty();
    }
    if (location.startsWith(StoreLayout.FACEBANKS)) {
      byte[] json = store.get(location).orElseThrow(() -> new IOException("no facebank at store key " + location));
      return FacebankJson.fromJson(json);
    }
    Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    if (!Files.isRegularFile(path)) {
      throw new IOException("no facebank file at " + path.toAbsolutePath());
    }
    return FacebankJson.read(path);
  }
}
