package io.screenalytics.identities;

import io.screenalytics.identities.facebank.MatchingConfig;
import io.screenalytics.identities.identity.AppearanceSplitter;
import io.screenalytics.identities.identity.ClusteringConfig;
import io.screenalytics.identities.identity.ThumbnailConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All assembly settings, one record per concern. Build with {@link #defaults()} or
 * {@link #fromProperties(Map)}; {@link #validate()} reports every problem at once.
 *
 * @param clustering track embedding and clustering
 * @param matching   cast matching
 * @param thumbnails thumbnails per identity
 * @param appearance the appearance gate that splits tracks before clustering
 */
public record AssemblyConfig(
    ClusteringConfig clustering, MatchingConfig matching, ThumbnailConfig thumbnails,
    AppearanceSplitter.Settings appearance) {

  public AssemblyConfig {
    Objects.requireNonNull(appearance, "appearance");
    Objects.requireNonNull(clustering, "clustering");
    Objects.requireNonNull(matching, "matching");
    Objects.requireNonNull(thumbnails, "thumbnails");
  }

  /** Every default (see {@link AssemblySetting}). */
  public static AssemblyConfig defaults() {
    return new AssemblyConfig(ClusteringConfig.defaults(), MatchingConfig.defaults(), ThumbnailConfig.defaults(),
        AppearanceSplitter.Settings.defaults());
  }

  /**
   * Parses settings keyed by {@link AssemblySetting#keys()}; missing keys take their default, other
   * keys are ignored except unknown {@code assembly.*} keys, which are reported as typos.
   *
   * @throws IllegalArgumentException listing every unparsable, out-of-range or unknown setting
   */
  public static AssemblyConfig fromProperties(Map<String, String> props) {
    List<String> problems = new ArrayList<>();
    List<String> known = AssemblySetting.keys();
    for (String key : new TreeMap<>(props).keySet()) {
      if (key.startsWith(AssemblySetting.PREFIX) && !known.contains(key)) {
        problems.add("unknown setting " + key);
      }
    }
    Map<String, Object> v = AssemblySetting.parse(props, problems);
    double clusterSim = (Double) v.get(AssemblySetting.CLUSTER_MIN_SIMILARITY);
    double blurRef = (Double) v.get(AssemblySetting.BLUR_REFERENCE);
    double matchSim = (Double) v.get(AssemblySetting.MATCH_MIN_SIMILARITY);
    double faceMatchSim = (Double) v.get(AssemblySetting.FACE_MATCH_MIN_SIMILARITY);
    double margin = (Double) v.get(AssemblySetting.NAMING_MARGIN);
    int thumbs = (Integer) v.get(AssemblySetting.THUMBNAILS_PER_IDENTITY);
    double appearanceSim = (Double) v.get(AssemblySetting.APPEARANCE_MIN_SIMILARITY);
    AppearanceSplitter.Settings appearance = AppearanceSplitter.Settings.defaults();
    try {
      appearance = new AppearanceSplitter.Settings(appearanceSim, AppearanceSplitter.Settings.DEFAULT_WINDOW_FRAMES,
          AppearanceSplitter.Settings.DEFAULT_MIN_PART_FACES);
    } catch (IllegalArgumentException e) {
      problems.add(AssemblySetting.APPEARANCE_MIN_SIMILARITY + ": " + e.getMessage());
    }
    AssemblyConfig config = new AssemblyConfig(new ClusteringConfig(clusterSim, blurRef),
        new MatchingConfig(matchSim, faceMatchSim, margin), new ThumbnailConfig(thumbs), appearance);
    problems.addAll(config.problems());
    throwIfAny(problems);
    return config;
  }

  /** Every problem across all settings, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    problems.addAll(clustering.problems());
    problems.addAll(matching.problems());
    problems.addAll(thumbnails.problems());
    return problems;
  }

  /**
   * Returns this config when valid.
   *
   * @throws IllegalArgumentException listing every problem
   */
  public AssemblyConfig validate() {
    throwIfAny(problems());
    return this;
  }

  /** The settings as {@link AssemblySetting} key to value text, keys sorted; recorded in manifests. */
  public SortedMap<String, String> asProperties() {
    SortedMap<String, String> out = new TreeMap<>();
    out.put(AssemblySetting.APPEARANCE_MIN_SIMILARITY, Double.toString(appearance.minSimilarity()));
    out.put(AssemblySetting.CLUSTER_MIN_SIMILARITY, Double.toString(clustering.minMergeSimilarity()));
    out.put(AssemblySetting.BLUR_REFERENCE, Double.toString(clustering.blurReference()));
    out.put(AssemblySetting.MATCH_MIN_SIMILARITY, Double.toString(matching.minSimilarity()));
    out.put(AssemblySetting.FACE_MATCH_MIN_SIMILARITY, Double.toString(matching.faceMinSimilarity()));
    out.put(AssemblySetting.NAMING_MARGIN, Double.toString(matching.margin()));
    out.put(AssemblySetting.THUMBNAILS_PER_IDENTITY, Integer.toString(thumbnails.perIdentity()));
    return out;
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid assembly settings (" + problems.size() + "): " + String.join("; ", problems));
    }
  }
}
