package io.screenalytics.store;

/**
 * Every key layout of the artifact store, in one place:
 *
 * <pre>
 * episodes/&lt;episode_id&gt;/...                  an episode's folder (identities' {@code EpisodeLayout} names its files)
 * episodes/&lt;episode_id&gt;/frames/&lt;frame_idx&gt;.jpg claim-checked frames too large for the frames topic
 * facebanks/&lt;name&gt;.json                       a cast facebank
 * facebanks/&lt;name&gt;/photos/...                the photos of its seeds
 * </pre>
 *
 * <p>Episode ids are checked with {@link EpisodeIds}, facebank names are one key segment ({@link ArtifactKeys}),
 * so no key built here leaves its folder. Stateless and thread-safe.
 */
public final class StoreLayout {

  /** Folder of every episode. */
  public static final String EPISODES = "episodes/";
  /** Folder of the facebanks. */
  public static final String FACEBANKS = "facebanks/";

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
    return FACEBANKS + segment(name) + ".json";
  }

  /**
   * {@code facebanks/<name>/photos/}: the folder of a facebank's seed photos.
   *
   * @throws IllegalArgumentException when the name is not one key segment
   */
  public static String facebankPhotos(String name) {
    return FACEBANKS + segment(name) + "/photos/";
  }

  private static String segment(String name) {
    if (!ArtifactKeys.isSegment(name)) {
      throw new IllegalArgumentException("invalid facebank name '" + name + "': expected "
          + ArtifactKeys.SEGMENT.pattern());
    }
    return name;
  }
}
