package io.screenalytics.identities;

import io.screenalytics.identities.facebank.MatchingConfig;
import io.screenalytics.identities.identity.AppearanceSplitter;
import io.screenalytics.identities.identity.ClusteringConfig;
import io.screenalytics.identities.identity.ThumbnailConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Every assembly (identity) setting, declared once as a Kafka {@link ConfigDef}, as the services' own settings are:
 * key, type, default and documentation. {@link AssemblyConfig#fromProperties} parses them with {@link #parse};
 * {@link #referenceMarkdown()} renders the reference table of assembly-service's README. Only {@code ConfigDef} is
 * used from Kafka's client library: nothing here talks to a broker.
 */
public final class AssemblySetting {

  /** Prefix of every setting. */
  public static final String PREFIX = "assembly.";

  /** {@code assembly.appearance.min.similarity}. */
  public static final String APPEARANCE_MIN_SIMILARITY = PREFIX + "appearance.min.similarity";
  /** {@code assembly.cluster.min.similarity}. */
  public static final String CLUSTER_MIN_SIMILARITY = PREFIX + "cluster.min.similarity";
  /** {@code assembly.quality.blur.reference}. */
  public static final String BLUR_REFERENCE = PREFIX + "quality.blur.reference";
  /** {@code assembly.facebank.min.similarity}. */
  public static final String MATCH_MIN_SIMILARITY = PREFIX + "facebank.min.similarity";
  /** {@code assembly.facebank.face.min.similarity}. */
  public static final String FACE_MATCH_MIN_SIMILARITY = PREFIX + "facebank.face.min.similarity";
  /** {@code assembly.naming.margin}. */
  public static final String NAMING_MARGIN = PREFIX + "naming.margin";
  /** {@code assembly.thumbnails.per.identity}. */
  public static final String THUMBNAILS_PER_IDENTITY = PREFIX + "thumbnails.per.identity";

  /** The declarations, named without {@link #PREFIX}, in the order of the reference table. */
  public static final ConfigDef DEF = new ConfigDef()
      .define(name(APPEARANCE_MIN_SIMILARITY), Type.DOUBLE, AppearanceSplitter.Settings.DEFAULT_MIN_SIMILARITY,
          Importance.MEDIUM,
          "Appearance gate, before clustering: a track is split where a face's cosine similarity to the faces of "
              + "its previous 24 source frames falls under this (an identity switch inside one track). On the "
              + "Hamilton clip a face scores 0.50-0.98 against its own track, faces of two tracks median 0.15.")
      .define(name(CLUSTER_MIN_SIMILARITY), Type.DOUBLE, ClusteringConfig.DEFAULT_MIN_MERGE_SIMILARITY,
          Importance.MEDIUM,
          "Two track clusters merge while the mean pairwise cosine similarity of their track embeddings "
              + "is at least this (average linkage). Same-person pairs average 0.76 and different-person "
              + "pairs peak at 0.34-0.41 with the project's ArcFace-class embedders.")
      .define(name(BLUR_REFERENCE), Type.DOUBLE, ClusteringConfig.DEFAULT_BLUR_REFERENCE,
          Importance.MEDIUM,
          "Laplacian variance of a 112x112 crop at which its sharpness counts 0.5 in face weights and "
              + "thumbnail ranking: weight = det_score * blur / (blur + reference).")
      .define(name(MATCH_MIN_SIMILARITY), Type.DOUBLE, MatchingConfig.DEFAULT_MIN_SIMILARITY,
          Importance.MEDIUM,
          "Tracks of high face quality take the name of their closest cast member when the max cosine similarity "
              + "between their centroid and that member's seed photos (or a sharp track of the episode already named "
              + "after them) is at least this; medium and low quality need 0.02 and 0.05 less (QualityBand, "
              + "calibrated on degraded photos), faces under quality 0.05 or near-black are never named; otherwise "
              + "unknown_NN.")
      .define(name(FACE_MATCH_MIN_SIMILARITY), Type.DOUBLE, MatchingConfig.DEFAULT_FACE_MIN_SIMILARITY,
          Importance.MEDIUM,
          "A face's row in faces.jsonl names the cast member of its nearest seed (seed_cast_id) when their cosine "
              + "similarity is at least this; seed_similarity is written either way. Higher than the identity "
              + "threshold: one face is noisier than a centroid.")
      .define(name(NAMING_MARGIN), Type.DOUBLE, MatchingConfig.DEFAULT_MARGIN, Importance.MEDIUM,
          "A track or cluster takes a cast member's name only when its cosine similarity to that member (a facebank "
              + "seed, or a track of the episode already named after them) beats the runner-up, the next cast member "
              + "or an unnamed person of the episode, by at least this. Thresholds themselves depend on face quality "
              + "(QualityBand).")
      .define(name(THUMBNAILS_PER_IDENTITY), Type.INT, ThumbnailConfig.DEFAULT_PER_IDENTITY,
          Importance.MEDIUM,
          "Thumbnails saved per identity, best det_score * sharpness first, one per track before repeats.");

  private AssemblySetting() {}

  private static String name(String key) {
    return key.substring(PREFIX.length());
  }

  /** Every setting's full key ({@code assembly.cluster.min.similarity}, ...), in declaration order. */
  public static List<String> keys() {
    return DEF.configKeys().keySet().stream().map(k -> PREFIX + k).toList();
  }

  /**
   * Parses the {@code assembly.*} settings of {@code props}; other keys are ignored.
   *
   * @param problems where every unparsable value is added, named in full ({@code assembly.cluster.min.similarity:
   *                 Invalid value lots ...}); the default stands in for it
   * @return every setting by full key, typed ({@code Double}, {@code Integer}), defaults applied
   */
  public static Map<String, Object> parse(Map<String, String> props, List<String> problems) {
    Map<String, String> declared = new LinkedHashMap<>();
    for (String name : DEF.names()) {
      String value = props.get(PREFIX + name);
      if (value != null) {
        declared.put(name, value.trim());
      }
    }
    List<String> bad = new ArrayList<>();
    for (ConfigValue v : DEF.validate(declared)) {
      if (!v.errorMessages().isEmpty()) {
        problems.add(PREFIX + v.name() + ": " + v.errorMessages().get(0));
        bad.add(v.name());
      }
    }
    bad.forEach(declared::remove);
    Map<String, Object> out = new LinkedHashMap<>();
    DEF.parse(declared).forEach((name, value) -> out.put(PREFIX + name, value));
    return out;
  }

  /** A Markdown table of every setting (key, default, description). */
  public static String referenceMarkdown() {
    StringBuilder out = new StringBuilder("| key | default | description |\n|---|---|---|\n");
    DEF.configKeys().forEach((name, k) -> out.append("| `").append(PREFIX).append(name).append("` | ")
        .append(k.defaultValue).append(" | ").append(k.documentation).append(" |\n"));
    return out.toString();
  }
}
