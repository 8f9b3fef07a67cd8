package io.screenalytics.voice.assembly;

/**
 * One speaker of an episode and how long it speaks.
 *
 * @param speaker          the RTTM label: the face identity's id when linked, else the voicebank name's slug, else
 *                         {@code voice_NN}
 * @param faceIdentity     the linked face identity's id, or null
 * @param voicebankName    the voicebank name that cleared the threshold, or null
 * @param similarity       cosine of the speaker's centroid to its best voicebank voice (NaN without a voicebank)
 * @param nameConflict     the voicebank name and the linked face's cast name disagree (both are kept)
 * @param speakingS        seconds of speech
 * @param onScreenS        seconds of that speech while the linked face is visible (0 without a face)
 * @param offScreenS       {@code speakingS - onScreenS}
 * @param seenSpeakingS    seconds of that speech given to the face because active speaker detection saw it speak
 *                         (0 without a face or outside scored spans)
 */
public record Speaking(String speaker, String faceIdentity, String voicebankName, double similarity,
                       boolean nameConflict, double speakingS, double onScreenS, double offScreenS,
                       double seenSpeakingS) {

  /** A speaker without active speaker evidence. */
  public Speaking(String speaker, String faceIdentity, String voicebankName, double similarity, boolean nameConflict,
                  double speakingS, double onScreenS, double offScreenS) {
    this(speaker, faceIdentity, voicebankName, similarity, nameConflict, speakingS, onScreenS, offScreenS, 0);
  }
}
