package io.screenalytics.video.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Precision and recall of found scene cuts against true ones, each true cut matched at most once by a found cut
 * within {@code tolerance} frames (greedy, in order).
 *
 * @param found cuts found, first frames of new shots
 * @param truth true cuts
 * @param matched found cuts that match a true cut
 */
record CutScore(List<Long> found, List<Long> truth, int matched) {

  static CutScore of(List<Long> found, List<Long> truth, int tolerance) {
    List<Long> open = new ArrayList<>(truth);
    int matched = 0;
    for (long f : found) {
      for (int i = 0; i < open.size(); i++) {
        if (Math.abs(open.get(i) - f) <= tolerance) {
          open.remove(i);
          matched++;
          break;
        }
      }
    }
    return new CutScore(List.copyOf(found), List.copyOf(truth), matched);
  }

  /** Matched over found; 1 when nothing was found (no false cut). */
  double precision() {
    return found.isEmpty() ? 1 : (double) matched / found.size();
  }

  /** Matched over true; 1 when there is no true cut. */
  double recall() {
    return truth.isEmpty() ? 1 : (double) matched / truth.size();
  }

  @Override
  public String toString() {
    return String.format("precision %d/%d, recall %d/%d (found %s, truth %s)", matched, found.size(), matched,
        truth.size(), found, truth);
  }
}
