package io.screenalytics.voice.assembly;

import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.diarize.Diarizer;

/**
 * How voices are assembled into speakers.
 *
 * @param clusterDistance  average-linkage cut, cosine distance ({@link Diarizer#DEFAULT_MAX_DISTANCE})
 * @param nameThreshold    least centroid cosine to take a voicebank name ({@link Voicebank#DEFAULT_THRESHOLD})
 * @param linkShare        a voice takes a face identity when that identity is on screen for at least this share of
 *                         the voice's speech (0.5: it dominates)
 * @param splitSeconds     a voice is split between identities that are each the face on screen during at least this
 *                         many seconds of its speech (2.0: a stretch of their own, not a cut-away)
 */
public record VoiceSettings(double clusterDistance, double nameThreshold, double linkShare, double splitSeconds) {

  /** The defaults above. */
  public static final VoiceSettings DEFAULT = new VoiceSettings(Diarizer.DEFAULT_MAX_DISTANCE,
      Voicebank.DEFAULT_THRESHOLD, 0.5, 2.0);

  /** Validates. */
  public VoiceSettings {
    if (!(clusterDistance >= 0) || !(linkShare > 0 && linkShare <= 1) || !(splitSeconds > 0)) {
      throw new IllegalArgumentException("invalid voice settings: " + clusterDistance + ", " + linkShare + ", "
          + splitSeconds);
    }
  }
}
