package io.screenalytics.store;

import java.util.Optional;

/**
 * Every key of the artifact store, in one place: no other class builds a store key.
 *
 * <pre>
 * episodes/&lt;episode_id&gt;/&lt;file&gt;                an episode's folder (identities' {@code EpisodeLayout} names its files)
 * episodes/&lt;episode_id&gt;/frames/&lt;frame_idx&gt;.jpg claim-checked frames too large for the frames topic
 * facebanks/&lt;name&gt;.json                       a cast facebank
 * facebanks/&lt;name&gt;/photos/&lt;hash&gt;_&lt;file&gt;     the photos of its seeds enrolled from files
 * facebanks/&lt;name&gt;/photos/&lt;episode&gt;_t&lt;track&gt;_f&lt;frame&gt;.jpg  the crops of its seeds learned in a review
 * voicebanks/default.json                      the store's voicebank ({@code screenalytics voicebank add})
 * voice/cache/&lt;episode_id&gt;/&lt;model_sha256&gt;.bin  the voice service's window embeddings of an episode per model
 * </pre>
 *
 * <p>Episode ids are checked with {@link EpisodeIds}, facebank names and file names with {@link ArtifactKeys},
 * so no key built here leaves its folder. Stateless and thread-safe.
 */
public final class StoreLayout {

  /** Folder of every episode. */
  public static final String EPISODES = "episodes/";
  /** Folder of the facebanks. */
  public static final String FACEBANKS = "facebanks/";
  /** Folder of the voicebanks. */
  public static final String VOICEBANKS = "voicebanks/";
  /** The store's one voicebank, {@code voicebanks/default.json}. */
  public static final String VOICEBANK = VOICEBANKS + "default.json";
  /** Folder of the voice service's window-embedding cache. */
  public static final String VOICE_CACHE = "voice/cache/";

  private static final String JSON = ".json";
  private static final String BIN = ".bin";

  private StoreLayout() {}

  /**
   * {@code episodes/<episode_id>/}.
   *
   * @throws IllegalArgumentException on an invalid episode id
   */
  public static String episode(String episodeId) {
    return EPISODES + EpisodeIds.validate(episodeId) + "/";
  }

  /**
   * {@code episodes/<episode_id>/<relative>}: a file (or, ending in {@code /}, a folder) of an episode's folder.
   *
   * @param relative path inside the folder, for example {@code faces.jsonl} or {@code thumbnails/}
   * @throws IllegalArgumentException on an invalid episode id or a relative path that makes no valid key
   */
  public static String episodeFile(String episodeId, String relative) {
    return ArtifactKeys.validateKeyOrDirectory(episode(episodeId) + relative);
  }

  /**
   * {@code episodes/<episode_id>/frames/<frame_idx>.jpg}: where a claim-checked frame is stored.
   *
   * @throws IllegalArgumentException on an invalid episode id
   */
  public static String frame(String episodeId, long frameIdx) {
    return episode(episodeId) + "frames/" + frameIdx + ".jpg";
  }

  /**
   * {@code facebanks/<name>.json}.
   *
   * @throws IllegalArgumentException when the name is not one key segment
   */
  public static String facebank(String name) {
    return FACEBANKS + segment(name) + JSON;
  }

  /**
   * The facebank name of a key {@code facebanks/<name>.json}, the inverse of {@link #facebank(String)}.
   *
   * @return empty for any other key (a facebank's photo, a file path, null)
   */
  public static Optional<String> facebankName(String key) {
    if (key == null || !key.startsWith(FACEBANKS) || !key.endsWith(JSON)) {
      return Optional.empty();
    }
    String rest = key.substring(FACEBANKS.length(), key.length() - JSON.length());
    return ArtifactKeys.isSegment(rest) ? Optional.of(rest) : Optional.empty();
  }

  /**
   * {@code facebanks/<name>/photos/}: the folder of a facebank's seed photos.
   *
   * @throws IllegalArgumentException when the name is not one key segment
   */
  public static String facebankPhotos(String name) {
    return FACEBANKS + segment(name) + "/photos/";
  }

  /**
   * {@code facebanks/<name>/photos/<hash>_<file>}: a seed photo enrolled from a file.
   *
   * @param contentHash a prefix of the photo's sha256 (hex), so the same photo keeps its key
   * @param file        the photo's file name made key-safe
   * @throws IllegalArgumentException when the name or the resulting file name is not one key segment
   */
  public static String enrolledPhoto(String name, String contentHash, String file) {
    return facebankPhoto(name, contentHash + "_" + file);
  }

  /**
   * {@code facebanks/<name>/photos/<episode_id>_t<track_id>_f<frame_idx>.jpg}: the face crop of a seed a review
   * taught the facebank.
   *
   * @throws IllegalArgumentException when the name or the episode id is not one key segment
   */
  public static String learnedPhoto(String name, String episodeId, int trackId, long frameIdx) {
    return facebankPhoto(name, episodeId + "_t" + trackId + "_f" + frameIdx + ".jpg");
  }

  private static String facebankPhoto(String name, String file) {
    if (!ArtifactKeys.isSegment(file)) {
      throw new IllegalArgumentException("invalid facebank photo file name '" + file + "'");
    }
    return facebankPhotos(name) + file;
  }

  /**
   * {@code voice/cache/<episode_id>/<model_sha256>.bin}: an episode's cached voice-window embeddings for a model.
   *
   * @param modelSha256 the speaker model's sha256 (64 hex digits), so another model never reads them
   * @throws IllegalArgumentException on an invalid episode id or a hash that is not one key segment
   */
  public static String voiceCache(String episodeId, String modelSha256) {
    if (!ArtifactKeys.isSegment(modelSha256)) {
      throw new IllegalArgumentException("invalid model sha256 '" + modelSha256 + "'");
    }
    return VOICE_CACHE + EpisodeIds.validate(episodeId) + "/" + modelSha256 + BIN;
  }

  private static String segment(String name) {
    if (!ArtifactKeys.isSegment(name)) {
      throw new IllegalArgumentException("invalid facebank name '" + name + "': expected "
          + ArtifactKeys.SEGMENT.pattern());
    }
    return name;
  }
}
