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
 * @param asdMinPeak       a face takes speech only in runs of consecutive frames {@code >= 0} whose highest logit
 *                         reaches this ({@value #DEFAULT_ASD_MIN_PEAK}, see {@code docs/active-speaker.md}); 0: every
 *                         frame {@code >= 0}, as before the rule
 */
public record VoiceSettings(double clusterDistance, double nameThreshold, double linkShare, double splitSeconds,
                            double asdMargin, double asdMinSeconds, double asdMinPeak) {

  /** Default {@link #asdMargin()}, in logits. */
  public static final double DEFAULT_ASD_MARGIN = 0.5;

  /**
   * Default {@link #asdMinPeak()}, in logits: 0.5, odds of 1.65 to 1 (the margin's unit). Measured on the clips of
   * {@code docs/active-speaker.md}: runs judged not speaking (or not to be told) peak at 0.08-0.44 (a listener's plateau at 0.00-0.08 on
   * {@code office_meeting_63s}), runs of the faces speaking at 0.67-3.13.
   */
  public static final double DEFAULT_ASD_MIN_PEAK = 0.5;

  /** The defaults above. */
  public static final VoiceSettings DEFAULT = new VoiceSettings(Diarizer.DEFAULT_MAX_DISTANCE,
      Voicebank.DEFAULT_THRESHOLD, 0.5, 2.0, DEFAULT_ASD_MARGIN, 1.0, DEFAULT_ASD_MIN_PEAK);

  /** Validates. */
  public VoiceSettings {
    if (!(clusterDistance >= 0) || !(linkShare > 0 && linkShare <= 1) || !(splitSeconds > 0) || !(asdMargin >= 0)
        || !(asdMinSeconds >= 0) || !(asdMinPeak >= 0)) {
      throw new IllegalArgumentException("invalid voice settings: " + clusterDistance + ", " + linkShare + ", "
          + splitSeconds + ", " + asdMargin + ", " + asdMinSeconds + ", " + asdMinPeak);
    }
  }

  /** The settings with the default active speaker thresholds. */
  public VoiceSettings(double clusterDistance, double nameThreshold, double linkShare, double splitSeconds) {
    this(clusterDistance, nameThreshold, linkShare, splitSeconds, DEFAULT_ASD_MARGIN, 1.0, DEFAULT_ASD_MIN_PEAK);
  }
}
