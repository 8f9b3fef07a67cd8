package io.screenalytics.voice.rttm;

/**
 * The parts of a diarization error rate, in seconds (speaker-weighted: two reference speakers at once count
 * twice in {@code total}).
 *
 * @param total      scored reference speech
 * @param missed     reference speech with fewer hypothesis speakers
 * @param falseAlarm hypothesis speech beyond the reference speakers
 * @param confusion  speech attributed to the wrong (mapped) speaker
 */
public record DerComponents(double total, double missed, double falseAlarm, double confusion) {

  /** Nothing scored. */
  public static final DerComponents ZERO = new DerComponents(0, 0, 0, 0);

  /** {@code (missed + falseAlarm + confusion) / total}; 0 when nothing is scored. */
  public double rate() {
    return total == 0 ? 0 : (missed + falseAlarm + confusion) / total;
  }

  /** Sum of two files' components (the corpus DER is the ratio of the sums). */
  public DerComponents plus(DerComponents o) {
    return new DerComponents(total + o.total, missed + o.missed, falseAlarm + o.falseAlarm, confusion + o.confusion);
  }
}
