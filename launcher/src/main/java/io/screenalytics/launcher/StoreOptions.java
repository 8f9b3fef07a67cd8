package io.screenalytics.launcher;

import io.screenalytics.runtime.config.Settings;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the commands that work on the artifact store (facebank, rescore): settings ({@code --config},
 * {@code --set}, environment; {@code store.type=s3} and {@code store.s3.*} for a bucket) and {@code --out}, the
 * local store's root as in {@code run}.
 */
final class StoreOptions {

  @Option(names = "--out", paramLabel = "DIR",
      description = "Root of the local artifact store, as given to run --out (default: setting store.root, "
          + "else screenalytics-data).")
  Path out;

  @Mixin
  SettingsOptions settingsOptions;

  /** The settings, {@code --out} setting {@code store.root}. */
  Settings settings() {
    return settingsOptions.load(out == null ? Map.of() : Map.of("store.root", out.toAbsolutePath().toString()));
  }

  /**
   * Opens the store the {@code store.*} settings name (a local directory or an S3 bucket); the caller closes it.
   *
   * @throws org.apache.kafka.common.config.ConfigException listing every invalid store setting
   */
  static ArtifactStore open(Settings settings) {
    return ArtifactStores.open(settings.asMap());
  }

  /** Where {@code key} lives, for the user: {@code file:///...} or {@code s3://bucket/prefix/...}. */
  static String describe(ArtifactStore store, String key) {
    return ArtifactStores.uri(store, key);
  }
}
