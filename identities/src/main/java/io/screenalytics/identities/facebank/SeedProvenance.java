package io.screenalytics.identities.facebank;

import java.util.Objects;

/**
 * Where a seed learned from an episode came from: the face a reviewer's decision took it from
 * ({@code screenalytics name}, or "not this person" for a rejection).
 *
 * @param episodeId  the episode
 * @param identityId the identity as it was named when the decision was taken ({@code unknown_03})
 * @param trackId    the face's {@code track_id}, or -1 for an identity's centroid (rejections keep one)
 * @param frameIdx   the face's {@code frame_idx}, or -1 for a centroid
 * @param faceId     the face's {@code face_id}, or null for a centroid
 * @param decision   the decision's sequence number in the episode's decision log, 1-based
 */
public record SeedProvenance(String episodeId, String identityId, int trackId, long frameIdx, String faceId,
    int decision) {

  public SeedProvenance {
    Objects.requireNonNull(episodeId, "episode_id");
    Objects.requireNonNull(identityId, "identity_id");
  }

  /** {@code episode/identity/t<track>/f<frame>}, for people (a centroid: {@code episode/identity/centroid}). */
  public String describe() {
    return trackId < 0 ? episodeId + "/" + identityId + "/centroid"
        : episodeId + "/" + identityId + "/t" + trackId + "/f" + frameIdx;
  }
}
