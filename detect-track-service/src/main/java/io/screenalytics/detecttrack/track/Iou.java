package io.screenalytics.detecttrack.track;

import java.util.List;

/**
 * Intersection over union with the Fast R-CNN pixel convention the ByteTrack reference uses
 * ({@code cython_bbox.bbox_overlaps}, samson-wang/cython_bbox {@code src/cython_bbox.pyx}): every width
 * and height gets {@code +1}, as if coordinates were inclusive integer pixel indices.
 *
 * <pre>
 * iw = min(x2a, x2b) - max(x1a, x1b) + 1,  ih = min(y2a, y2b) - max(y1a, y1b) + 1
 * IoU = iw*ih / ((x2a-x1a+1)*(y2a-y1a+1) + (x2b-x1b+1)*(y2b-y1b+1) - iw*ih)
 *       if iw &gt; 0 and ih &gt; 0, else 0
 * </pre>
 *
 * <p>The operations are done in the reference's order, in double precision, so results are bit-identical.
 */
public final class Iou {

  private Iou() {}

  /**
   * IoU of two boxes with the {@code +1} convention.
   *
   * @param a first box, pixels (the track box in the reference's argument order)
   * @param b second box, pixels (the detection box)
   * @return IoU in [0, 1]
   */
  public static double iou(BBox a, BBox b) {
    double iw = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()) + 1;
    if (!(iw > 0)) {
      return 0.0;
    }
    double ih = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()) + 1;
    if (!(ih > 0)) {
      return 0.0;
    }
    double areaB = (b.x2() - b.x1() + 1) * (b.y2() - b.y1() + 1);
    double areaA = (a.x2() - a.x1() + 1) * (a.y2() - a.y1() + 1);
    double union = areaA + areaB - iw * ih;
    return iw * ih / union;
  }

  /**
   * IoU distance matrix {@code 1 - IoU} (reference: {@code matching.iou_distance}).
   *
   * @param rows boxes for the rows (tracks), size R
   * @param cols boxes for the columns (detections), size C
   * @return an R x C matrix with entries in [0, 1]; R x 0 when there are no columns
   */
  public static double[][] distance(List<BBox> rows, List<BBox> cols) {
    double[][] cost = new double[rows.size()][cols.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < cols.size(); c++) {
        cost[r][c] = 1 - iou(rows.get(r), cols.get(c));
      }
    }
    return cost;
  }

  /**
   * Fuses detection scores into an IoU distance matrix in place (reference: {@code matching.fuse_score}):
   * {@code cost = 1 - (1 - cost) * score[col]}. The reference applies it when {@code mot20} is off.
   *
   * @param cost   R x C IoU distance matrix, modified in place
   * @param scores detection score per column, size C
   */
  static void fuseScore(double[][] cost, double[] scores) {
    for (double[] row : cost) {
      for (int c = 0; c < row.length; c++) {
        double iouSim = 1 - row[c];
        row[c] = 1 - iouSim * scores[c];
      }
    }
  }
}
