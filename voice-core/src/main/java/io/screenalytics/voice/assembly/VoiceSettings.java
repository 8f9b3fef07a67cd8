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
 * @param asdMargin        inside spans scored by active speaker detection, two faces whose logits are both
 *                         {@code >= 0} and differ by at most this much both get the speech (overlapping turns);
 *                         else only the highest ({@value #DEFAULT_ASD_MARGIN}, see {@code docs/active-speaker.md})
 * @param asdMinSeconds    a voice cluster whose speech active speaker detection scored for at least this many
 *                         seconds takes its identity from the faces seen speaking, not from the face on screen
 *                         (1.0: 25 frames, Light-ASD's shortest scoring piece)
 */
public record VoiceSettings(double clusterDistance, double nameThreshold, double linkShare, double splitSeconds,
                            double asdMargin, double asdMinSeconds) {

  /** Default {@link #asdMargin()}, in logits. */
  public static final double DEFAULT_ASD_MARGIN = 0.5;

  /** The defaults above. */
  public static final VoiceSettings DEFAULT = new VoiceSettings(Diarizer.DEFAULT_MAX_DISTANCE,
      Voicebank.DEFAULT_THRESHOLD, 0.5, 2.0, DEFAULT_ASD_MARGIN, 1.0);

  /** Validates. */
  public VoiceSettings {
    if (!(clusterDistance >= 0) || !(linkShare > 0 && linkShare <= 1) || !(splitSeconds > 0) || !(asdMargin >= 0)
        || !(asdMinSeconds >= 0)) {
      throw new IllegalArgumentException("invalid voice settings: " + clusterDistance + ", " + linkShare + ", "
          + splitSeconds + ", " + asdMargin + ", " + asdMinSeconds);
    }
  }

  /** The settings with the default active speaker thresholds. */
  public VoiceSettings(double clusterDistance, double nameThreshold, double linkShare, double splitSeconds) {
    this(clusterDistance, nameThreshold, linkShare, splitSeconds, DEFAULT_ASD_MARGIN, 1.0);
  }
}
