package io.screenalytics.output.manifest;

import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.store.ArtifactKeys;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.store.StoreLayout;
import java.util.Locale;

/**
 * Keys of an episode folder, {@code episodes/<episode_id>/...}. File names inside manifests are
 * relative to this folder, so the folder can move to another root or bucket prefix unchanged.
 *
 * <pre>
 * episodes/&lt;episode_id&gt;/
 *   manifest.json              schema version, episode, models, settings, every file with size and sha256
 *   faces.jsonl                one face per line, without the embedding
 *   tracks.jsonl               one track per line with its samples
 *   embeddings.f32             float32 little-endian, row-major N x D
 *   embeddings_index.json      row to face_id and track_id, D, model
 *   identities.json            identities with names, match similarity, tracks, thumbnails
 *   screen_time.json           episode plus one row per identity
 *   facebank.json              the cast facebank the identities were matched against
 *   thumbnails/&lt;identity&gt;/&lt;rank&gt;_f&lt;frame_idx&gt;_t&lt;track_id&gt;.jpg
 *   crops/t&lt;track_id&gt;_f&lt;frame_idx&gt;.jpg  best face of each track (thumbnails after a rescore)
 *   report.html                the episode report, written after manifest.json, not listed in it
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EpisodeLayout {

  /** Written last; lists every other file with its size and sha256. */
  public static final String MANIFEST = "manifest.json";
  /** One face per line, without the embedding. */
  public static final String FACES = "faces.jsonl";
  /** One track per line with its samples. */
  public static final String TRACKS = "tracks.jsonl";
  /** float32 little-endian, row-major {@code N x D}. */
  public static final String EMBEDDINGS = "embeddings.f32";
  /** Row to {@code face_id} and {@code track_id}, plus {@code dims} and {@code model}. */
  public static final String EMBEDDINGS_INDEX = "embeddings_index.json";
  /** Identities: name or unknown, best match, track ids, thumbnails. */
  public static final String IDENTITIES = "identities.json";
  /** Episode information plus one row per identity. */
  public static final String SCREEN_TIME = "screen_time.json";
  /** Folder of thumbnails, one sub-folder per identity. */
  public static final String THUMBNAILS = "thumbnails/";
  /** The facebank used, so a rescore without a new one matches against the same cast. */
  public static final String FACEBANK = "facebank.json";
  /** Folder of the best face of each track: thumbnail candidates when a rescore regroups tracks. */
  public static final String CROPS = "crops/";
  /** The HTML report; a view of the listed files, written after the manifest and not listed in it. */
  public static final String REPORT = "report.html";

  private final String episodeId;
  private final String prefix;

  /**
   * @param episodeId validated with {@link EpisodeIds#validate(String)}
   * @throws IllegalArgumentException on an invalid id
   */
  public EpisodeLayout(String episodeId) {
    this.prefix = StoreLayout.episode(episodeId);
    this.episodeId = episodeId;
  }

  /** The episode id. */
  public String episodeId() {
    return episodeId;
  }

  /** {@code episodes/<episode_id>/}. */
  public String prefix() {
    return prefix;
  }

  /**
   * The store key of a file (or, ending in {@code /}, a sub-folder) of the folder ({@link StoreLayout#episodeFile}).
   *
   * @param relative file name relative to the folder, for example {@code faces.jsonl}
   * @throws IllegalArgumentException when the resulting key is invalid ({@link ArtifactKeys})
   */
  public String key(String relative) {
    return StoreLayout.episodeFile(episodeId, relative);
  }

  /**
   * Relative file name of an identity's thumbnail.
   *
   * @param identityId key-safe identity id
   * @param rank       1-based rank among the identity's thumbnails
   * @param face       the face shown
   */
  public static String thumbnailFile(String identityId, int rank, FaceRecord face) {
    if (!ArtifactKeys.isSegment(identityId)) {
      throw new IllegalArgumentException("identity id '" + identityId + "' is not a key segment");
    }
    return String.format(Locale.ROOT, "%s%s/%02d_f%d_t%d.jpg",
        THUMBNAILS, identityId, rank, face.frameIdx(), face.trackId());
  }

  /** Relative file name of a track's best face, {@code crops/t<track_id>_f<frame_idx>.jpg}. */
  public static String cropFile(FaceRecord face) {
    return String.format(Locale.ROOT, "%st%d_f%d.jpg", CROPS, face.trackId(), face.frameIdx());
  }
}
