package io.screenalytics.voice.eval;

import io.screenalytics.voice.rttm.DerComponents;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DER of every setting on every file, overlap scored and skipped (collar 0.25 s), filled by
 * {@link VoiceEvaluation#amiGrid}; the DER of a set of files is the ratio of the summed components, as
 * pyannote.metrics totals a corpus. Not thread-safe.
 */
public final class DerTable {

  /** One file's DER under one setting, overlap scored and skipped. */
  public record Cell(DerComponents scored, DerComponents skipped) {
  }

  private final Map<DerSetting, Map<String, Cell>> cells = new LinkedHashMap<>();

  /** Records one file's DER under one setting (replacing an earlier one). */
  public void put(DerSetting setting, String file, DerComponents scored, DerComponents skipped) {
    cells.computeIfAbsent(setting, k -> new LinkedHashMap<>()).put(file, new Cell(scored, skipped));
  }

  /** The settings held, in the order first put. */
  public List<DerSetting> settings() {
    return new ArrayList<>(cells.keySet());
  }

  /**
   * The summed components of {@code files} under {@code setting}.
   *
   * @throws IllegalArgumentException when a file was not scored under that setting
   */
  public Cell total(DerSetting setting, Collection<String> files) {
    Map<String, Cell> row = cells.getOrDefault(setting, Map.of());
    DerComponents scored = DerComponents.ZERO;
    DerComponents skipped = DerComponents.ZERO;
    for (String f : files) {
      Cell c = row.get(f);
      if (c == null) throw new IllegalArgumentException("no DER of " + f + " under " + setting);
      scored = scored.plus(c.scored());
      skipped = skipped.plus(c.skipped());
    }
    return new Cell(scored, skipped);
  }

  /**
   * The setting with the lowest DER on {@code files}, overlap scored (the headline figure); ties go to the lower
   * overlap-skipped DER, then to the setting put first.
   *
   * @throws IllegalStateException when the table is empty
   */
  public DerSetting best(Collection<String> files) {
    DerSetting best = null;
    Cell bestCell = null;
    for (DerSetting s : cells.keySet()) {
      Cell c = total(s, files);
      if (bestCell == null || c.scored().rate() < bestCell.scored().rate() - 1e-12
          || (Math.abs(c.scored().rate() - bestCell.scored().rate()) <= 1e-12
              && c.skipped().rate() < bestCell.skipped().rate() - 1e-12)) {
        best = s;
        bestCell = c;
      }
    }
    if (best == null) throw new IllegalStateException("no settings scored");
    return best;
  }
}
