package io.screenalytics.vision.detect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Greedy non-maximum suppression, as OpenCV's {@code cv::dnn::NMSBoxes} ({@code NMSFast_}): candidates in
 * descending score order (stable for ties), at most {@code topK} of them, each kept when its IoU with every box
 * kept so far is at most the threshold. Pure Java, stateless, thread-safe.
 */
public final class Nms {

  private Nms() {
  }

  /**
   * Intersection over union of two {@code float[4]} x1, y1, x2, y2 boxes (continuous coordinates, no +1).
   *
   * @return 0..1; 0 when either box is empty
   */
  public static float iou(float[] a, float[] b) {
    float iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    float ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    if (iw <= 0 || ih <= 0) return 0f;
    float inter = iw * ih;
    float union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
    return union <= 0 ? 0f : inter / union;
  }

  /**
   * Indices of the boxes to keep, highest score first.
   *
   * @param boxes        {@code float[N][4]} x1, y1, x2, y2
   * @param scores       {@code float[N]}
   * @param iouThreshold suppress a box whose IoU with a kept box exceeds this (OpenCV YuNet default 0.3)
   * @param topK         consider only the {@code topK} best-scoring candidates; 0 or less for all
   */
  public static int[] greedy(float[][] boxes, float[] scores, float iouThreshold, int topK) {
    if (boxes.length != scores.length) {
      throw new IllegalArgumentException(boxes.length + " boxes but " + scores.length + " scores");
    }
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    int candidates = topK > 0 ? Math.min(topK, order.length) : order.length;
    int[] kept = new int[candidates];
    int n = 0;
    for (int c = 0; c < candidates; c++) {
      int i = order[c];
      boolean keep = true;
      for (int k = 0; k < n && keep; k++) keep = iou(boxes[i], boxes[kept[k]]) <= iouThreshold;
      if (keep) kept[n++] = i;
    }
    return Arrays.copyOf(kept, n);
  }
}
