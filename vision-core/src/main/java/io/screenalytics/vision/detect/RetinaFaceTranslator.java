package io.screenalytics.vision.detect;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pre- and post-processing of RetinaFace with a MobileNet-0.25 backbone (Deng et al., "RetinaFace: Single-shot
 * Multi-level Face Localisation in the Wild", CVPR 2020; decoding as in the widely used PyTorch port
 * biubug6/Pytorch_Retinaface, {@code layers/functions/prior_box.py} and {@code utils/box_utils.py}).
 *
 * <p>Input: the graph is fixed at {@code spec.image().width() x spec.image().height()} (640x640), so the image is
 * letterboxed: scaled down (never up) to fit, placed top-left, black padding; BGR planes minus (104, 117, 123),
 * no scaling, from the {@link ModelSpec}. {@link DetectorSettings#maxInputSize()} does not apply.
 *
 * <p>Output: the spec's three output names in the order locations {@code float[1][P][4]}, confidences
 * {@code float[1][P][2]} (background, face; already soft-maxed) and landmarks {@code float[1][P][10]}, for
 * P priors: for strides 8, 16, 32 with minimum sizes {16, 32}, {64, 128}, {256, 512}, every cell (row, col) of
 * the {@code ceil(H/s) x ceil(W/s)} map, one square prior per minimum size m, centred at
 * {@code ((col + 0.5) s, (row + 0.5) s)} with side m (16,800 priors at 640x640). With variances 0.1 and 0.2:
 * centre = prior centre + loc[0..1] * 0.1 * m, size = m * exp(loc[2..3] * 0.2), landmark k = prior centre +
 * lm[2k..2k+1] * 0.1 * m. Then score threshold, greedy NMS and mapping to source pixels.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetinaFaceTranslator implements DetectorTranslator {

  /** Feature-map strides of the three heads. */
  static final int[] STRIDES = {8, 16, 32};
  /** Prior sides per stride, pixels. */
  static final int[][] MIN_SIZES = {{16, 32}, {64, 128}, {256, 512}};
  /** Centre variance of the box encoding. */
  static final float CENTRE_VARIANCE = 0.1f;
  /** Size variance of the box encoding. */
  static final float SIZE_VARIANCE = 0.2f;
  private static final String FAMILY = "RetinaFace";

  private final ModelSpec spec;
  private final DetectorSettings settings;

  /**
   * @param spec     fixed input size, normalisation, channel order and the three output names (loc, conf, landmarks)
   * @param settings thresholds and NMS parameters ({@code maxInputSize} is ignored: the graph is fixed)
   * @throws IllegalArgumentException when the spec does not name three outputs
   */
  public RetinaFaceTranslator(ModelSpec spec, DetectorSettings settings) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (spec.outputNames().size() != 3) {
      throw new IllegalArgumentException("RetinaFace model '" + spec.name() + "' needs 3 output names (loc, conf, "
          + "landmarks), got " + spec.outputNames());
    }
  }

  /** Number of priors for an input of this size: 16,800 at 640x640. */
  public static int priorCount(int width, int height) {
    int n = 0;
    for (int level = 0; level < STRIDES.length; level++) {
      int s = STRIDES[level];
      n += ceilDiv(height, s) * ceilDiv(width, s) * MIN_SIZES[level].length;
    }
    return n;
  }

  @Override public DetectorInput preprocess(BgrImage image) {
    return Canvas.fit(image, spec.image().width(), spec.image().height(), spec);
  }

  @Override public List<Detection> postprocess(Map<String, FloatTensor> outputs, Letterbox lb) {
    int priors = priorCount(lb.inputWidth(), lb.inputHeight());
    List<String> names = spec.outputNames();
    float[] loc = Outputs.require(outputs, names.get(0), priors, 4, FAMILY);
    float[] conf = Outputs.require(outputs, names.get(1), priors, 2, FAMILY);
    float[] marks = Outputs.require(outputs, names.get(2), priors, 10, FAMILY);
    float threshold = settings.scoreThreshold();
    Candidates candidates = new Candidates();
    int p = 0;
    for (int level = 0; level < STRIDES.length; level++) {
      int s = STRIDES[level];
      int rows = ceilDiv(lb.inputHeight(), s);
      int cols = ceilDiv(lb.inputWidth(), s);
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          for (int m : MIN_SIZES[level]) {
            int i = p++;
            float score = conf[i * 2 + 1];
            if (score < threshold) continue;
            float pcx = (c + 0.5f) * s;
            float pcy = (r + 0.5f) * s;
            float cx = pcx + loc[i * 4] * CENTRE_VARIANCE * m;
            float cy = pcy + loc[i * 4 + 1] * CENTRE_VARIANCE * m;
            float w = m * (float) Math.exp(loc[i * 4 + 2] * SIZE_VARIANCE);
            float h = m * (float) Math.exp(loc[i * 4 + 3] * SIZE_VARIANCE);
            float[] lm = new float[10];
            for (int k = 0; k < 5; k++) {
              lm[2 * k] = pcx + marks[i * 10 + 2 * k] * CENTRE_VARIANCE * m;
              lm[2 * k + 1] = pcy + marks[i * 10 + 2 * k + 1] * CENTRE_VARIANCE * m;
            }
            candidates.add(new float[] {cx - w / 2f, cy - h / 2f, cx + w / 2f, cy + h / 2f}, lm,
                Math.min(Math.max(score, 0f), 1f));
          }
        }
      }
    }
    return candidates.suppress(settings, lb);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
