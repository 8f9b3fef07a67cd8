package io.screenalytics.identities.facebank;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The cast of a show: person name to seed embeddings ({@code float[D]} each, from photos or from episode faces a
 * reviewer named), plus per person the faces a reviewer said are <em>not</em> that person (rejections: a
 * cannot-link kept with the facebank, so every episode matched against it respects it; see
 * {@link FacebankMatcher}).
 *
 * <p>Names are ordered alphabetically ({@link String#compareTo}); seeds keep their insertion order.
 * Immutable and thread-safe. Persist with {@link FacebankJson}.
 */
public final class Facebank {

  private static final Facebank EMPTY = new Facebank(Map.of());

  private final Map<String, List<FacebankSeed>> seedsByName;
  private final Map<String, List<FacebankSeed>> rejectionsByName;

  /**
   * @param seedsByName person name (non-blank) to at least one seed
   * @throws IllegalArgumentException on a blank name or a person without seeds
   */
  public Facebank(Map<String, List<FacebankSeed>> seedsByName) {
    this(seedsByName, Map.of());
  }

  /**
   * @param seedsByName      person name (non-blank) to at least one seed
   * @param rejectionsByName person name to embeddings that are not that person (the person need not have seeds;
   *                         empty lists are dropped)
   * @throws IllegalArgumentException on a blank name or a person without seeds
   */
  public Facebank(Map<String, List<FacebankSeed>> seedsByName, Map<String, List<FacebankSeed>> rejectionsByName) {
    Map<String, List<FacebankSeed>> rejections = new TreeMap<>();
    rejectionsByName.forEach((name, seeds) -> {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("facebank rejection name must not be blank");
      }
      if (seeds != null && !seeds.isEmpty()) {
        rejections.put(name, List.copyOf(seeds));
      }
    });
    this.rejectionsByName = rejections;
    Map<String, List<FacebankSeed>> copy = new TreeMap<>();
    seedsByName.forEach((name, seeds) -> {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("facebank person name must not be blank");
      }
      if (seeds == null || seeds.isEmpty()) {
        throw new IllegalArgumentException("facebank person '" + name + "' has no seeds");
      }
      copy.put(name, List.copyOf(seeds));
    });
    this.seedsByName = copy;
  }

  /** A facebank without anyone: every identity stays unknown. */
  public static Facebank empty() {
    return EMPTY;
  }

  /**
   * A key-safe id from a cast member's name, as identities and {@code seed_cast_id} carry it: accents stripped,
   * lower case, runs of other characters become {@code _}, at most 100 characters; names that would look like
   * generated ids ({@code unknown_NN}, {@code unassigned}) get a {@code cast_} prefix, an empty result is
   * {@code person}.
   */
  public static String castId(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (slug.isEmpty()) {
      slug = "person";
    }
    if (slug.startsWith("unknown") || slug.startsWith("unassigned")) {
      slug = "cast_" + slug;
    }
    return slug.length() > 100 ? slug.substring(0, 100) : slug;
  }

  /** A builder adding seeds one at a time. */
  public static Builder builder() {
    return new Builder();
  }

  /** Person names, ascending. */
  public List<String> names() {
    return List.copyOf(seedsByName.keySet());
  }

  /** Seeds of {@code name}; empty when unknown. */
  public List<FacebankSeed> seeds(String name) {
    return seedsByName.getOrDefault(name, List.of());
  }

  /** Embeddings a reviewer said are not {@code name}; empty when none. */
  public List<FacebankSeed> rejections(String name) {
    return rejectionsByName.getOrDefault(name, List.of());
  }

  /** Names with at least one rejection, ascending. */
  public List<String> rejectedNames() {
    return List.copyOf(rejectionsByName.keySet());
  }

  /**
   * This facebank with {@code name}'s seeds and rejections replaced (the person dropped when {@code seeds} is
   * empty, the rejections when {@code rejections} is).
   */
  public Facebank with(String name, List<FacebankSeed> seeds, List<FacebankSeed> rejections) {
    Map<String, List<FacebankSeed>> people = new TreeMap<>(seedsByName);
    Map<String, List<FacebankSeed>> rejected = new TreeMap<>(rejectionsByName);
    if (seeds.isEmpty()) {
      people.remove(name);
    } else {
      people.put(name, seeds);
    }
    if (rejections.isEmpty()) {
      rejected.remove(name);
    } else {
      rejected.put(name, rejections);
    }
    return new Facebank(people, rejected);
  }

  /** Whether nobody is in the facebank. */
  public boolean isEmpty() {
    return seedsByName.isEmpty();
  }

  /** Total number of seeds. */
  public int seedCount() {
    return seedsByName.values().stream().mapToInt(List::size).sum();
  }

  /** Accumulates seeds per person. Not thread-safe. */
  public static final class Builder {
    private final Map<String, List<FacebankSeed>> seeds = new TreeMap<>();
    private final Map<String, List<FacebankSeed>> rejections = new TreeMap<>();

    private Builder() {}

    /** Adds one embedding that is not {@code name}. */
    public Builder reject(String name, FacebankSeed notThem) {
      rejections.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>())
          .add(Objects.requireNonNull(notThem, "rejection"));
      return this;
    }

    /** Adds one seed for {@code name}. */
    public Builder add(String name, FacebankSeed seed) {
      seeds.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new ArrayList<>())
          .add(Objects.requireNonNull(seed, "seed"));
      return this;
    }

    /** The facebank. */
    public Facebank build() {
      return new Facebank(seeds, rejections);
    }
  }
}
