package io.screenalytics.identities;

import io.screenalytics.identities.facebank.MatchingConfig;
import io.screenalytics.identities.identity.AppearanceSplitter;
import io.screenalytics.identities.identity.ClusteringConfig;
import io.screenalytics.identities.identity.ThumbnailConfig;

/**
 * Every assembly setting, declared once: property key, default and documentation.
 * {@link AssemblyConfig#fromProperties} parses them; {@link #referenceMarkdown()} renders the
 * reference table for the service README.
 */
public enum AssemblySetting {

  APPEARANCE_MIN_SIMILARITY(
      "assembly.appearance.min.similarity",
      Double.toString(AppearanceSplitter.Settings.DEFAULT_MIN_SIMILARITY),
      "Appearance gate, before clustering: a track is split where a face's cosine similarity to the faces of "
          + "its previous 24 source frames falls under this (an identity switch inside one track). On the "
          + "Hamilton clip a face scores 0.50-0.98 against its own track, faces of two tracks median 0.15."),

  CLUSTER_MIN_SIMILARITY(
      "assembly.cluster.min.similarity",
      Double.toString(ClusteringConfig.DEFAULT_MIN_MERGE_SIMILARITY),
      "Two track clusters merge while the mean pairwise cosine similarity of their track embeddings "
          + "is at least this (average linkage). Same-person pairs average 0.76 and different-person "
          + "pairs peak at 0.34-0.41 with the project's ArcFace-class embedders."),

  BLUR_REFERENCE(
      "assembly.quality.blur.reference",
      Double.toString(ClusteringConfig.DEFAULT_BLUR_REFERENCE),
      "Laplacian variance of a 112x112 crop at which its sharpness counts 0.5 in face weights and "
          + "thumbnail ranking: weight = det_score * blur / (blur + reference)."),

  MATCH_MIN_SIMILARITY(
      "assembly.facebank.min.similarity",
      Double.toString(MatchingConfig.DEFAULT_MIN_SIMILARITY),
      "An identity takes the name of its best cast member when the max cosine similarity between its "
          + "centroid and that member's seed photos is at least this; otherwise it is unknown_NN."),

  FACE_MATCH_MIN_SIMILARITY(
      "assembly.facebank.face.min.similarity",
      Double.toString(MatchingConfig.DEFAULT_FACE_MIN_SIMILARITY),
      "A face's row in faces.jsonl names the cast member of its nearest seed (seed_cast_id) when their cosine "
          + "similarity is at least this; seed_similarity is written either way. Higher than the identity "
          + "threshold: one face is noisier than a centroid."),

  THUMBNAILS_PER_IDENTITY(
      "assembly.thumbnails.per.identity",
      Integer.toString(ThumbnailConfig.DEFAULT_PER_IDENTITY),
      "Thumbnails saved per identity, best det_score * sharpness first, one per track before repeats.");

  private final String key;
  private final String defaultValue;
  private final String doc;

  AssemblySetting(String key, String defaultValue, String doc) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.doc = doc;
  }

  /** Property key, for example {@code assembly.cluster.min.similarity}. */
  public String key() {
    return key;
  }

  /** Default value as text. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What the setting does. */
  public String doc() {
    return doc;
  }

  /** A Markdown table of every setting (key, default, description). */
  public static String referenceMarkdown() {
    StringBuilder out = new StringBuilder("| key | default | description |\n|---|---|---|\n");
    for (AssemblySetting s : values()) {
      out.append("| `").append(s.key).append("` | ").append(s.defaultValue).append(" | ")
          .append(s.doc).append(" |\n");
    }
    return out.toString();
  }
}
