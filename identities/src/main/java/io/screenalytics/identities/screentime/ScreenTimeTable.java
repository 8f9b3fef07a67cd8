package io.screenalytics.identities.screentime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text table of screen time for the console.
 *
 * <pre>
 * identity         name   seconds  share  first-last           tracks
 * lisa             Lisa     312.4  11.6%  0:03.2-44:10.0           41
 * unknown_01       -         20.0   0.7%  12:00.0-12:20.0           2
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ScreenTimeTable {

  private static final String[] HEADER = {"identity", "name", "seconds", "share", "first-last", "tracks"};
  private static final boolean[] RIGHT = {false, false, true, true, false, true};

  private ScreenTimeTable() {}

  /**
   * The rows as an aligned table, in the given order, one line per row plus a header, each line
   * ending in {@code \n}; numbers formatted with {@link Locale#ROOT}.
   */
  public static String format(List<ScreenTime> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADER);
    for (ScreenTime r : rows) {
      cells.add(new String[] {
          r.identityId(),
          r.name() == null ? "-" : r.name(),
          String.format(Locale.ROOT, "%.1f", r.visibleSeconds()),
          String.format(Locale.ROOT, "%.1f%%", r.share() * 100.0),
          clock(r.firstTs()) + "-" + clock(r.lastTs()),
          Integer.toString(r.tracks())});
    }
    return aligned(cells, RIGHT);
  }

  /**
   * Cells as an aligned plain-text table: columns two spaces apart, each as wide as its widest cell, left-aligned
   * unless {@code right} says otherwise; one line per row (the first is usually the header), trailing spaces
   * stripped, each line ending in {@code \n}.
   *
   * @param cells rows of cells, each as long as {@code right}
   * @param right per column, whether it is right-aligned (numbers)
   */
  public static String aligned(List<String[]> cells, boolean[] right) {
    int[] width = new int[right.length];
    for (String[] row : cells) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        String pad = " ".repeat(width[c] - row[c].length());
        line.append(c == 0 ? "" : "  ").append(right[c] ? pad + row[c] : row[c] + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /**
   * Seconds as {@code m:ss.s} ({@code h:mm:ss.s} from one hour), or {@code -} when NaN.
   */
  public static String clock(double seconds) {
    if (Double.isNaN(seconds)) {
      return "-";
    }
    long tenths = Math.round(seconds * 10.0);
    long h = tenths / 36_000;
    long m = (tenths / 600) % 60;
    double s = (tenths % 600) / 10.0;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%04.1f", h, m, s)
        : String.format(Locale.ROOT, "%d:%04.1f", m, s);
  }
}
