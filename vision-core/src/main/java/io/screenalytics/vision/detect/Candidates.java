package io.screenalytics.vision.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decoded faces of one image before suppression, in detector-input pixels: the common tail of every family's
 * post-processing (score threshold already applied by the caller, then greedy NMS, then mapping to source pixels).
 * Not thread-safe: one per {@code postprocess} call.
 */
final class Candidates {

  private final List<float[]> boxes = new ArrayList<>();
  private final List<float[]> landmarks = new ArrayList<>();
  private float[] scores = new float[64];

  /**
   * Adds one face.
   *
   * @param box      {@code float[4]} x1, y1, x2, y2, input pixels (kept, not copied)
   * @param marks    {@code float[10]} five (x, y) landmarks, input pixels (kept, not copied)
   * @param score    confidence 0..1
   */
  void add(float[] box, float[] marks, float score) {
    if (boxes.size() == scores.length) scores = Arrays.copyOf(scores, scores.length * 2);
    scores[boxes.size()] = score;
    boxes.add(box);
    landmarks.add(marks);
  }

  /** Number of faces added. */
  int size() {
    return boxes.size();
  }

  /**
   * Suppresses overlaps ({@link Nms#greedy}) and maps the survivors to source pixels: boxes clipped to the
   * image, landmarks not clipped.
   *
   * @return faces, highest score first
   */
  List<Detection> suppress(DetectorSettings settings, Letterbox lb) {
    float[] s = Arrays.copyOf(scores, boxes.size());
    int[] keep = Nms.greedy(boxes.toArray(new float[0][]), s, settings.nmsIouThreshold(), settings.topK());
    List<Detection> faces = new ArrayList<>(keep.length);
    for (int i : keep) {
      float[] b = boxes.get(i);
      float[] lm = landmarks.get(i);
      float[] source = new float[10];
      for (int k = 0; k < 5; k++) {
        source[2 * k] = lb.toSourceX(lm[2 * k]);
        source[2 * k + 1] = lb.toSourceY(lm[2 * k + 1]);
      }
      faces.add(new Detection(lb.boxToSource(b[0], b[1], b[2], b[3]), source, s[i]));
    }
    return faces;
  }
}
