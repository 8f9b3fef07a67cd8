package io.screenalytics.video.decode;

/**
 * The part of the picture that shows the programme, without letterbox (top and bottom) or pillarbox (left and
 * right) borders: the smallest rectangle holding every row and every column of the {@link Thumbnail}s that has
 * been brighter than {@link #BORDER_LUMA} (mean luma, full range) in at least one frame so far. Borders stay
 * near-black for the whole episode, so they never join; picture rows join the first time they are lit, which also
 * handles an episode that starts black or fades in. Until one row is lit, the whole frame counts.
 *
 * <p>Frame differences measured inside this rectangle are not diluted by borders: a 2.39:1 film letterboxed in a
 * 16:9 frame has 25 % of its area black, a 4:3 clip pillarboxed in 16:9 also 25 %, and both together 44 %.
 *
 * <p>Not thread-safe; one per video. A change of thumbnail size (a stream whose resolution changes) starts over.
 */
final class ActiveArea {

  /**
   * Mean luma (full range) above which a row or column belongs to the picture. Encoded black borders measure
   * 0-20 after compression (16-36 in limited range); the darkest picture rows of the shared footage are above 30.
   */
  static final double BORDER_LUMA = 24;

  private boolean[] litRows = new boolean[0];
  private boolean[] litColumns = new boolean[0];
  private int top;
  private int bottom;
  private int left;
  private int right;
  private boolean any;

  /** Marks the rows and columns {@code t} lights. */
  void observe(Thumbnail t) {
    if (litRows.length != t.height() || litColumns.length != t.width()) {
      litRows = new boolean[t.height()];
      litColumns = new boolean[t.width()];
      any = false;
    }
    long[] columnSums = new long[t.width()];
    for (int y = 0; y < t.height(); y++) {
      long rowSum = 0;
      for (int x = 0; x < t.width(); x++) {
        int v = t.luma(x, y);
        rowSum += v;
        columnSums[x] += v;
      }
      if (rowSum > BORDER_LUMA * t.width()) {
        litRows[y] = true;
      }
    }
    for (int x = 0; x < t.width(); x++) {
      if (columnSums[x] > BORDER_LUMA * t.height()) {
        litColumns[x] = true;
      }
    }
    top = first(litRows);
    bottom = last(litRows);
    left = first(litColumns);
    right = last(litColumns);
    any = top >= 0 && left >= 0;
  }

  /** First row of the picture, inclusive (0 before anything is lit). */
  int top() {
    return any ? top : 0;
  }

  /** Last row of the picture plus one, exclusive. */
  int bottom(int height) {
    return any ? bottom + 1 : height;
  }

  /** First column of the picture, inclusive. */
  int left() {
    return any ? left : 0;
  }

  /** Last column of the picture plus one, exclusive. */
  int right(int width) {
    return any ? right + 1 : width;
  }

  private static int first(boolean[] lit) {
    for (int i = 0; i < lit.length; i++) {
      if (lit[i]) {
        return i;
      }
    }
    return -1;
  }

  private static int last(boolean[] lit) {
    for (int i = lit.length - 1; i >= 0; i--) {
      if (lit[i]) {
        return i;
      }
    }
    return -1;
  }
}
