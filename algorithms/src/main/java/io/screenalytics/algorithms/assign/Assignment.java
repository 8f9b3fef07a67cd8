package io.screenalytics.algorithms.assign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Result of {@link LinearAssignment#solve}: a partial matching between R rows and C columns. Immutable.
 */
public final class Assignment {

  /**
   * One matched pair.
   *
   * @param row row index (in the tracker: a track)
   * @param col column index (in the tracker: a detection)
   */
  public record Match(int row, int col) {}

  private final int[] rowToCol;
  private final int[] colToRow;

  /** Takes ownership of both arrays; {@code -1} marks an unmatched row or column. */
  Assignment(int[] rowToCol, int[] colToRow) {
    this.rowToCol = rowToCol;
    this.colToRow = colToRow;
  }

  /** Number of rows R. */
  public int rows() {
    return rowToCol.length;
  }

  /** Number of columns C. */
  public int cols() {
    return colToRow.length;
  }

  /**
   * Column matched to a row.
   *
   * @param row 0..R-1
   * @return the column, or -1 if the row is unmatched
   */
  public int colOf(int row) {
    return rowToCol[row];
  }

  /**
   * Row matched to a column.
   *
   * @param col 0..C-1
   * @return the row, or -1 if the column is unmatched
   */
  public int rowOf(int col) {
    return colToRow[col];
  }

  /** Matched pairs in increasing row order (the order the reference iterates them). */
  public List<Match> matches() {
    List<Match> out = new ArrayList<>();
    for (int r = 0; r < rowToCol.length; r++) {
      if (rowToCol[r] >= 0) {
        out.add(new Match(r, rowToCol[r]));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Unmatched rows, increasing. */
  public List<Integer> unmatchedRows() {
    return unmatched(rowToCol);
  }

  /** Unmatched columns, increasing. */
  public List<Integer> unmatchedCols() {
    return unmatched(colToRow);
  }

  private static List<Integer> unmatched(int[] map) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < map.length; i++) {
      if (map[i] < 0) {
        out.add(i);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    return "Assignment" + matches();
  }
}
