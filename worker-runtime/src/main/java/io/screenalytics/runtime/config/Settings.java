package io.screenalytics.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Raw settings of a process, merged from (lowest precedence first) declared defaults, an optional
 * properties file, environment variables and explicit overrides (command-line {@code --set k=v}).
 *
 * <p>An environment variable {@code SCREENALYTICS_FOO_BAR} sets {@code foo.bar}; the settings remember which values
 * came from a variable ({@link #variable}), so that {@link KnownSettings#check} can leave variables of other
 * programs alone. Settings are parsed
 * into typed records by each concern's config class from Kafka {@link ConfigDef} declarations, which
 * carry the type, default, validator and documentation of every setting; {@link #parse(ConfigDef)}
 * validates all of them and reports every problem in one {@link ConfigException}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Settings {

  /** Environment variable prefix mapped onto setting names. */
  public static final String ENV_PREFIX = "SCREENALYTICS_";

  private final Map<String, String> values;
  /** Setting name to the environment variable its value came from, for values no later source overrode. */
  private final Map<String, String> variables;

  private Settings(Map<String, String> values, Map<String, String> variables) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.variables = Map.copyOf(variables);
  }

  /** Settings from explicit values only. */
  public static Settings of(Map<String, String> values) {
    return new Settings(values, Map.of());
  }

  /**
   * Merges a properties file (may be null), the environment and overrides.
   *
   * @throws ConfigException when the file cannot be read
   */
  public static Settings load(Path propertiesFile, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (propertiesFile != null) {
      Properties props = new Properties();
      try (Reader reader = Files.newBufferedReader(propertiesFile)) {
        props.load(reader);
      } catch (IOException e) {
        throw new ConfigException("cannot read settings file " + propertiesFile + ": " + e.getMessage());
      }
      props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k)));
    }
    Map<String, String> variables = new LinkedHashMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith(ENV_PREFIX)) {
        String name = k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        merged.put(name, v);
        variables.put(name, k);
      }
    });
    merged.putAll(overrides);
    variables.keySet().removeAll(overrides.keySet());
    return new Settings(merged, variables);
  }

  /** A copy with {@code overrides} applied on top. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(values);
    merged.putAll(overrides);
    Map<String, String> vars = new LinkedHashMap<>(variables);
    vars.keySet().removeAll(overrides.keySet());
    return new Settings(merged, vars);
  }

  /**
   * The environment variable that set {@code name} ({@code SCREENALYTICS_DECODER_STRIDE} for {@code decoder.stride}),
   * empty when its value came from the file, an override or nowhere.
   */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /** All raw values. */
  public Map<String, String> asMap() {
    return values;
  }

  /** Raw values whose names start with {@code prefix}, with the prefix removed. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  /**
   * Validates every declared setting and parses them into typed values.
   *
   * @return parsed values by name (defaults applied)
   * @throws ConfigException listing every invalid setting at once
   */
  public Map<String, Object> parse(ConfigDef def) {
    return parse(def, "", this);
  }

  /**
   * Validates and parses the settings under {@code prefix} ({@code decoder.}), declared in {@code def} without it
   * ({@code stride}); errors name them in full ({@code decoder.stride}).
   *
   * @return parsed values by name without the prefix (defaults applied)
   * @throws ConfigException listing every invalid setting at once, its first problem each
   */
  public Map<String, Object> parse(ConfigDef def, String prefix) {
    return parse(def, prefix, of(withPrefix(prefix)));
  }

  private static Map<String, Object> parse(ConfigDef def, String prefix, Settings settings) {
    Map<String, String> values = settings.values;
    Map<String, String> declared = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (def.names().contains(k)) {
        declared.put(k, v);
      }
    });
    List<String> problems = new ArrayList<>();
    for (ConfigValue v : def.validate(declared)) {
      // the first message says why; ConfigDef adds "Value must be non-null" after a value it could not parse
      if (!v.errorMessages().isEmpty()) {
        problems.add(prefix + v.name() + ": " + v.errorMessages().get(0));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException("invalid settings:\n  " + String.join("\n  ", problems));
    }
    return def.parse(declared);
  }
}
