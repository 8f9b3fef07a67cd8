package io.screenalytics.identities.facebank;

import java.util.Objects;

/**
 * One reference embedding of a cast member, built from a photo by the embedder.
 *
 * <p>The array is not copied: treat it as immutable.
 *
 * @param embedding   {@code float[D]} embedding (normalised again when matched)
 * @param sourcePhoto where the photo came from (file name or URI), for audit
 * @param model       embedder model name; only seeds of the episode's embedder are compared
 * @param provenance  the episode face it was learned from (a reviewer named or rejected it), or null for a
 *                    seed enrolled from a photo
 * @param photoFace   for a seed enrolled from a photo, which face of it and how well it agreed with the person's
 *                    other photos ({@link PhotoCheck}); null for learned seeds and for seeds enrolled before the check
 */
public record FacebankSeed(float[] embedding, String sourcePhoto, String model, SeedProvenance provenance,
    PhotoFace photoFace) {

  /** A seed enrolled from a photo, without the photo check's record. */
  public FacebankSeed(float[] embedding, String sourcePhoto, String model) {
    this(embedding, sourcePhoto, model, null, null);
  }

  /** A seed learned from an episode ({@code provenance}) or enrolled from a photo ({@code null}). */
  public FacebankSeed(float[] embedding, String sourcePhoto, String model, SeedProvenance provenance) {
    this(embedding, sourcePhoto, model, provenance, null);
  }

  public FacebankSeed {
    Objects.requireNonNull(embedding, "embedding");
    Objects.requireNonNull(model, "model");
    if (embedding.length == 0) {
      throw new IllegalArgumentException("empty seed embedding");
    }
  }
}
