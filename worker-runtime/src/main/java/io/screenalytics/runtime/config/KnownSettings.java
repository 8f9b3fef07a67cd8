package io.screenalytics.runtime.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The setting names a process knows, derived from the {@link ConfigDef} declarations that parse them (never a list
 * kept by hand), and the check that refuses every other name: a mistyped {@code --set decoder.strid=3} is refused
 * with the closest known name ({@code unknown setting decoder.strid (did you mean decoder.stride?)}) instead of
 * being ignored while the default runs.
 *
 * <p>A declaration is added under the prefix its settings are read with ({@code decoder.} + {@code stride}); a
 * pass-through prefix ({@code kafka.}) admits every name under it unchecked (Kafka's own client settings).
 *
 * <p>Environment variables: a value that came from a {@code SCREENALYTICS_*} variable ({@link Settings#variable})
 * is checked only when its name falls in a family of known settings, that is its first segment is the first
 * segment of a known name ({@code SCREENALYTICS_DECODER_STRID} is {@code decoder.strid}: refused, as a typo of a
 * decoder setting). Other variables ({@code SCREENALYTICS_JAVA_OPTS}, read by the {@code screenalytics} script,
 * {@code SCREENALYTICS_LOG_LEVEL}, {@code SCREENALYTICS_CLUSTER_MODE}, {@code SCREENALYTICS_MODELS} of the compose
 * file) name no setting and belong to other programs: they are left alone.
 *
 * <p>Immutable and thread-safe.
 */
public final class KnownSettings {

  private static final KnownSettings NONE = new KnownSettings(new TreeSet<>(), new TreeSet<>());

  private final SortedSet<String> names;
  private final SortedSet<String> passThrough;

  private KnownSettings(SortedSet<String> names, SortedSet<String> passThrough) {
    this.names = Collections.unmodifiableSortedSet(names);
    this.passThrough = Collections.unmodifiableSortedSet(passThrough);
  }

  /** No settings. */
  public static KnownSettings none() {
    return NONE;
  }

  /**
   * The settings {@code def} declares, read under {@code prefix}.
   *
   * @param prefix the prefix the settings are parsed with ({@code decoder.}), or empty for none
   */
  public static KnownSettings of(String prefix, ConfigDef def) {
    SortedSet<String> out = new TreeSet<>();
    def.names().forEach(n -> out.add(prefix + n));
    return new KnownSettings(out, new TreeSet<>());
  }

  /** Every name under {@code prefix} ({@code kafka.}), passed through unchecked to another library. */
  public static KnownSettings passThrough(String prefix) {
    TreeSet<String> p = new TreeSet<>();
    p.add(prefix);
    return new KnownSettings(new TreeSet<>(), p);
  }

  /** These settings and {@code other}'s. */
  public KnownSettings and(KnownSettings other) {
    SortedSet<String> n = new TreeSet<>(names);
    n.addAll(other.names);
    SortedSet<String> p = new TreeSet<>(passThrough);
    p.addAll(other.passThrough);
    return new KnownSettings(n, p);
  }

  /** These settings and those {@code def} declares under {@code prefix}. */
  public KnownSettings and(String prefix, ConfigDef def) {
    return and(of(prefix, def));
  }

  /** Every known name, sorted (pass-through prefixes not included). */
  public SortedSet<String> names() {
    return names;
  }

  /** Whether {@code name} is a known setting or lies under a pass-through prefix. */
  public boolean knows(String name) {
    return names.contains(name) || passThrough.stream().anyMatch(name::startsWith);
  }

  /**
   * The known name closest to {@code name} by edit distance (optimal string alignment: insertions, deletions,
   * substitutions and swaps of neighbours count 1), among the names of its family (same first segment) first, then
   * among all; empty when none is within a third of the name's length (at least 2 edits).
   */
  public Optional<String> closest(String name) {
    String family = family(name);
    Optional<String> near = closest(name, names.stream().filter(n -> family(n).equals(family)).toList());
    return near.isPresent() ? near : closest(name, List.copyOf(names));
  }

  /**
   * The names among {@code settings} that are refused: not known, and either not from the environment or from a
   * variable in a family of known settings (see the class comment).
   */
  public List<String> unknown(Settings settings) {
    List<String> out = new ArrayList<>();
    settings.asMap().keySet().forEach(name -> {
      if (!knows(name) && (settings.variable(name).isEmpty() || claims(name))) {
        out.add(name);
      }
    });
    return out;
  }

  /**
   * Refuses unknown settings, before anything starts.
   *
   * @throws ConfigException one line naming every unknown setting with the closest known one, and the environment
   *                         variable it came from ({@code unknown setting decoder.strid (did you mean
   *                         decoder.stride?)})
   */
  public void check(Settings settings) {
    List<String> unknown = unknown(settings);
    if (unknown.isEmpty()) {
      return;
    }
    List<String> described = new ArrayList<>();
    for (String name : unknown) {
      List<String> notes = new ArrayList<>();
      settings.variable(name).ifPresent(v -> notes.add("from " + v));
      closest(name).ifPresent(c -> notes.add("did you mean " + c + "?"));
      described.add(name + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
    }
    throw new ConfigException("unknown setting" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", described));
  }

  /** Whether {@code name} falls in a family of known names or under a pass-through prefix. */
  private boolean claims(String name) {
    String family = family(name);
    return name.contains(".") && (names.stream().anyMatch(n -> family(n).equals(family))
        || passThrough.stream().anyMatch(p -> family(p).equals(family)));
  }

  private static String family(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static Optional<String> closest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without edits of an already swapped pair). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
