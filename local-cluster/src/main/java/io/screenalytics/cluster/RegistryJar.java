package io.screenalytics.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Apicurio Registry runner jar that the {@code registry} module builds.
 *
 * <p>The module's Quarkus build writes either {@code target/<artifact>-runner.jar} next to
 * {@code target/lib/} (legacy jar, what Apicurio 2.4.2 configures) or {@code target/quarkus-app/quarkus-run.jar}
 * (Quarkus fast-jar); both are looked for.
 */
final class RegistryJar {

  private RegistryJar() {
  }

  /**
   * Returns the configured jar if given, else the first runner jar found in {@code registry/target} of
   * {@code startDir} or one of its ancestors.
   *
   * @throws IllegalStateException if the configured jar does not exist, or no jar is found (the message lists
   *                               where it looked and how to build or configure it)
   */
  static Path locate(Optional<Path> configured, Path startDir) {
    if (configured.isPresent()) {
      Path jar = configured.get().toAbsolutePath();
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("registry runner jar " + jar + " (set by "
            + LocalClusterSettings.REGISTRY_JAR_PROPERTY + ") does not exist");
      }
      return jar;
    }
    List<Path> looked = new ArrayList<>();
    for (Path dir = startDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("registry").resolve("target");
      looked.add(target);
      Optional<Path> found = inTarget(target);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new IllegalStateException("registry runner jar not found in any of " + looked
        + "; build it with `mvn -pl registry install` from the project root, or set -D"
        + LocalClusterSettings.REGISTRY_JAR_PROPERTY + "=<jar> (or " + LocalClusterSettings.REGISTRY_JAR_ENV
        + "), or point " + LocalClusterSettings.REGISTRY_URL_ENV + " at a running registry");
  }

  private static Optional<Path> inTarget(Path target) {
    Path fastJar = target.resolve("quarkus-app").resolve("quarkus-run.jar");
    if (Files.isRegularFile(fastJar)) {
      return Optional.of(fastJar);
    }
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> runners = Files.newDirectoryStream(target, "*-runner.jar")) {
      for (Path runner : runners) {
        if (Files.isRegularFile(runner)) {
          return Optional.of(runner);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + target, e);
    }
  }
}
