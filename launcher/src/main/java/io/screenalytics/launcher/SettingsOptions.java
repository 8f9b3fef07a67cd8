package io.screenalytics.launcher;

import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.config.TopicSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by every command: a settings file and {@code --set name=value} overrides. Every command loads its
 * settings here ({@link #load}), and an unknown name is refused here, once for all commands, before anything starts.
 */
public final class SettingsOptions {

  /**
   * Every setting some part of the process reads, from the declarations: each service's ({@link ServiceKind}), the
   * topics' ({@link TopicSettings}) and the launcher's own ({@link RunCommand#DEF}); {@code kafka.*} passes through.
   */
  static final KnownSettings KNOWN = ServiceKind.knownSettings().and("", TopicSettings.DEF).and("", RunCommand.DEF);

  @Option(names = "--config", paramLabel = "FILE",
      description = "Settings file (Java properties). Environment variables SCREENALYTICS_<NAME> also set <name>.")
  Path configFile;

  @Option(names = "--set", paramLabel = "NAME=VALUE",
      description = "Override one setting, for example --set decoder.stride=3 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * Settings from the file, the environment and the overrides, in that precedence.
   *
   * @param extra settings the command sets itself ({@code store.root} from {@code --out}), below the overrides
   * @throws org.apache.kafka.common.config.ConfigException when the file cannot be read, or naming every unknown
   *     setting with the closest known one ({@link KnownSettings#check})
   */
  public Settings load(Map<String, String> extra) {
    return load(extra, System.getenv());
  }

  /** {@link #load(Map)} with the environment {@code env}. */
  Settings load(Map<String, String> extra, Map<String, String> env) {
    Map<String, String> all = new LinkedHashMap<>(extra);
    all.putAll(overrides);
    Settings settings = Settings.load(configFile, env, all);
    KNOWN.check(settings);
    return settings;
  }
}
