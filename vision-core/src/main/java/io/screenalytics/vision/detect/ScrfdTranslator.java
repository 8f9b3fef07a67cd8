package io.screenalytics.vision.detect;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pre- and post-processing of SCRFD (Guo et al., "Sample and Computation Redistribution for Efficient Face
 * Detection", 2021; InsightFace {@code detection/scrfd}, decoding as in InsightFace's
 * {@code python-package/insightface/model_zoo/scrfd.py}): {@code scrfd_500m} and {@code scrfd_2.5g}.
 *
 * <p>Input: the image scaled down (never up) to fit a square {@code S x S} canvas, {@code S} =
 * {@link DetectorSettings#maxInputSize()} rounded up to a multiple of 32, placed top-left with black padding
 * (the reference's {@code det_size} canvas; {@code scrfd_500m} declares its output shapes for 640x640, and ONNX
 * Runtime warns on every run at other sizes), RGB planes {@code (x - 127.5) / 128} from the {@link ModelSpec}.
 *
 * <p>Output: the spec's nine output names in the order scores, boxes, landmarks, each for strides 8, 16, 32:
 * {@code float[N_s][1]} scores (after sigmoid), {@code float[N_s][4]} distances (left, top, right, bottom) and
 * {@code float[N_s][10]} landmark offsets, all in units of the stride, with {@code N_s = (H/s)(W/s) * 2}: two
 * anchors per cell, rows in (row, col, anchor) order. The anchor centre of cell (row, col) is
 * {@code (col * s, row * s)} (no half-cell offset); box = centre -/+ distance * s, landmark = centre + offset * s.
 * Then score threshold, greedy NMS and mapping to source pixels.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScrfdTranslator implements DetectorTranslator {

  /** Feature-map strides of SCRFD's three heads. */
  static final int[] STRIDES = {8, 16, 32};
  /** Anchors per feature-map cell. */
  static final int ANCHORS = 2;
  /** Input sides must be multiples of the largest stride. */
  public static final int DIVISOR = 32;
  private static final String FAMILY = "SCRFD";

  private final ModelSpec spec;
  private final DetectorSettings settings;
  private final int side;

  /**
   * @param spec     normalisation, channel order and the nine output names (scores, boxes, landmarks x 3 strides)
   * @param settings canvas size, thresholds and NMS parameters
   * @throws IllegalArgumentException when the spec does not name nine outputs
   */
  public ScrfdTranslator(ModelSpec spec, DetectorSettings settings) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (spec.outputNames().size() != 3 * STRIDES.length) {
      throw new IllegalArgumentException("SCRFD model '" + spec.name() + "' needs 9 output names (scores, boxes, "
          + "landmarks for strides 8/16/32), got " + spec.outputNames());
    }
    this.side = (settings.maxInputSize() + DIVISOR - 1) / DIVISOR * DIVISOR;
  }

  /** The square canvas side, pixels. */
  public int canvasSide() {
    return side;
  }

  @Override public DetectorInput preprocess(BgrImage image) {
    return Canvas.fit(image, side, side, spec);
  }

  @Override public List<Detection> postprocess(Map<String, FloatTensor> outputs, Letterbox lb) {
    Candidates candidates = new Candidates();
    List<String> names = spec.outputNames();
    float threshold = settings.scoreThreshold();
    for (int level = 0; level < STRIDES.length; level++) {
      int s = STRIDES[level];
      int cols = lb.inputWidth() / s;
      int rows = lb.inputHeight() / s;
      int n = rows * cols * ANCHORS;
      float[] scores = Outputs.require(outputs, names.get(level), n, 1, FAMILY);
      float[] dist = Outputs.require(outputs, names.get(level + 3), n, 4, FAMILY);
      float[] kps = Outputs.require(outputs, names.get(level + 6), n, 10, FAMILY);
      for (int i = 0; i < n; i++) {
        float score = scores[i];
        if (score < threshold) continue;
        int cell = i / ANCHORS;
        float cx = (cell % cols) * s;
        float cy = (cell / cols) * s;
        float[] box = {cx - dist[i * 4] * s, cy - dist[i * 4 + 1] * s, cx + dist[i * 4 + 2] * s,
            cy + dist[i * 4 + 3] * s};
        float[] lm = new float[10];
        for (int k = 0; k < 5; k++) {
          lm[2 * k] = cx + kps[i * 10 + 2 * k] * s;
          lm[2 * k + 1] = cy + kps[i * 10 + 2 * k + 1] * s;
        }
        candidates.add(box, lm, Math.min(score, 1f));
      }
    }
    return candidates.suppress(settings, lb);
  }
}
