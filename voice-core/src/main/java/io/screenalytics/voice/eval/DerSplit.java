package io.screenalytics.voice.eval;

/**
 * Held-out diarization figures: the setting that does best on one {@link AmiHalf} and its DER on the other half,
 * beside the pipeline defaults' DER on that same other half. A held-out DER well above the tuning DER says the
 * settings fit the tuning files rather than speech in general; the defaults' held-out DER says how much the
 * defaults (chosen on all 12 files) flatter themselves.
 *
 * @param tunedOn  the half the setting was chosen on
 * @param chosen   the best setting on {@code tunedOn} ({@link DerTable#best})
 * @param tuning   the chosen setting's DER on {@code tunedOn} (optimistic: picked there)
 * @param heldOut  the chosen setting's DER on the other half (the honest figure)
 * @param defaults {@link DerSetting#DEFAULT}'s DER on the other half
 */
public record DerSplit(AmiHalf tunedOn, DerSetting chosen, DerTable.Cell tuning, DerTable.Cell heldOut,
                       DerTable.Cell defaults) {

  /**
   * Tunes on {@code half} and scores on the other.
   *
   * @throws IllegalArgumentException when the table misses a file of either half or the defaults
   */
  public static DerSplit of(DerTable table, AmiHalf half) {
    DerSetting chosen = table.best(half.files());
    return new DerSplit(half, chosen, table.total(chosen, half.files()), table.total(chosen, half.other().files()),
        table.total(DerSetting.DEFAULT, half.other().files()));
  }

  /** The half the DER is reported on. */
  public AmiHalf heldOutHalf() {
    return tunedOn.other();
  }
}
