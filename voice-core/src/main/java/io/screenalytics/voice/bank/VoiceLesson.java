package io.screenalytics.voice.bank;

import java.util.Objects;

/**
 * Speech of a voice learned from an episode by a review decision (issue 29.5: naming a face teaches the voicebank the
 * voice linked to it), with its provenance, like a face seed learned from an episode: kept apart from the enrolled
 * clips so that undoing the decision takes exactly it back ({@link Voicebank#forget}).
 *
 * @param episodeId     the episode the windows came from
 * @param decision      the decision's {@code seq} in that episode's log
 * @param identityId    the face identity the windows were linked to when it was named
 * @param sum           {@code float[256]}: sum of the learned windows' embeddings
 * @param windows       number of windows summed
 * @param speechSeconds seconds of speech they cover (their own, non-overlapping spans)
 */
public record VoiceLesson(String episodeId, int decision, String identityId, float[] sum, int windows,
                          double speechSeconds) {

  /** Checks the parts. */
  public VoiceLesson {
    Objects.requireNonNull(episodeId, "episodeId");
    Objects.requireNonNull(sum, "sum");
  }

  /** Whether this lesson was taught by decision {@code seq} of episode {@code episode}. */
  public boolean from(String episode, int seq) {
    return episodeId.equals(episode) && decision == seq;
  }
}
