package io.screenalytics.identities;

import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.identities.naming.NamingDecision;
import java.util.List;
import java.util.Objects;

/**
 * One person found in an episode: one or more track clusters.
 *
 * <p>The centroid array is not copied: treat it as immutable.
 *
 * @param id         key-safe identity id: a slug of the cast name ({@code lisa_vanderpump}) or
 *                   {@code unknown_01}, {@code unknown_02}, ... numbered by screen time, longest first
 * @param name       cast member name, or null for an unknown
 * @param bestMatch  the closest cast member, also when below the threshold (then {@code name} is
 *                   null), or null when the facebank had no usable seed
 * @param trackIds   ascending track ids
 * @param centroid   {@code float[D]} unit vector over the identity's tracks
 * @param thumbnails the faces chosen as thumbnails, best first (they carry the JPEG bytes)
 * @param naming     the naming decisions of its tracks with their evidence (facebank seed or episode track,
 *                   cosine, quality band, runner-up), or the reasons it stays unknown; empty when unrecorded
 */
public record Identity(
    String id,
    String name,
    CastMatch bestMatch,
    List<Integer> trackIds,
    float[] centroid,
    List<FaceRecord> thumbnails,
    List<NamingDecision> naming) {

  public Identity {
    Objects.requireNonNull(id, "id");
    trackIds = List.copyOf(trackIds);
    thumbnails = List.copyOf(thumbnails);
    naming = naming == null ? List.of() : List.copyOf(naming);
  }

  /** Whether the identity was named after a cast member. */
  public boolean isKnown() {
    return name != null;
  }
}
