package io.screenalytics.launcher;

import io.screenalytics.runtime.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by every command: a settings file and {@code --set name=value} overrides. */
public final class SettingsOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "Settings file (Java properties). Environment variables SCREENALYTICS_<NAME> also set <name>.")
  Path configFile;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Override one setting, for example --set decoder.stride=3 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** Settings from the file, the environment and the overrides, in that precedence. */
  public Settings load(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(extra);
    all.putAll(overrides);
    return Settings.load(configFile, System.getenv(), all);
  }
}
