package io.screenalytics.vision.detect;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.FloatTensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pre- and post-processing of YuNet ({@code yunet_s_dynamic.onnx}, libfacedetection.train @ 0047ac24),
 * following {@code shared/models/MODELS.md} and OpenCV's {@code FaceDetectorYN} ({@code face_detect.cpp}).
 *
 * <p>Input: the frame scaled so its longer side is at most {@link DetectorSettings#maxInputSize()} (never
 * enlarged), padded with black at the bottom and right to a multiple of 32, raw BGR 0..255 as
 * {@code float[1][3][H][W]}.
 *
 * <p>Output per stride s in {8, 16, 32}: {@code cls_s, obj_s [1][N][1]}, {@code bbox_s [1][N][4]},
 * {@code kps_s [1][N][10]} with N = (H/s)(W/s) grid cells in row-major order. For the cell (row, col):
 * score = sqrt(clamp01(cls) * clamp01(obj)); box centre ((col + dx) s, (row + dy) s), size (exp(dw) s, exp(dh) s);
 * landmark k at ((col + kx_k) s, (row + ky_k) s). Then score threshold, greedy NMS and mapping to source pixels.
 *
 * <p>Immutable and thread-safe.
 */
public final class YuNetTranslator implements DetectorTranslator {

  /** Feature-map strides of YuNet's three heads. */
  static final int[] STRIDES = {8, 16, 32};
  /** Input sides must be multiples of the largest stride. */
  public static final int DIVISOR = 32;

  private static final String FAMILY = "YuNet";

  private final DetectorSettings settings;

  /** @param settings input size, thresholds and NMS parameters */
  public YuNetTranslator(DetectorSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings in use. */
  public DetectorSettings settings() {
    return settings;
  }

  @Override public DetectorInput preprocess(BgrImage image) {
    BgrImage scaled = ImageOps.fitWithin(image, settings.maxInputSize());
    int w = scaled.width();
    int h = scaled.height();
    int padW = roundUp(w);
    int padH = roundUp(h);
    float[] data = new float[3 * padH * padW];
    byte[] bgr = scaled.bgr();
    int plane = padH * padW;
    for (int y = 0; y < h; y++) {
      int src = y * w * 3;
      int dst = y * padW;
      for (int x = 0; x < w; x++, src += 3, dst++) {
        data[dst] = bgr[src] & 0xff;
        data[plane + dst] = bgr[src + 1] & 0xff;
        data[2 * plane + dst] = bgr[src + 2] & 0xff;
      }
    }
    Letterbox lb = new Letterbox((float) w / image.width(), (float) h / image.height(), 0, 0,
        padW, padH, image.width(), image.height());
    return new DetectorInput(new FloatTensor(data, new long[] {1, 3, padH, padW}), lb);
  }

  static int roundUp(int side) {
    return (side + DIVISOR - 1) / DIVISOR * DIVISOR;
  }

  @Override public List<Detection> postprocess(Map<String, FloatTensor> outputs, Letterbox lb) {
    Candidates candidates = new Candidates();
    for (int s : STRIDES) {
      int cols = lb.inputWidth() / s;
      int rows = lb.inputHeight() / s;
      float[] cls = Outputs.require(outputs, "cls_" + s, rows * cols, 1, FAMILY);
      float[] obj = Outputs.require(outputs, "obj_" + s, rows * cols, 1, FAMILY);
      float[] bbox = Outputs.require(outputs, "bbox_" + s, rows * cols, 4, FAMILY);
      float[] kps = Outputs.require(outputs, "kps_" + s, rows * cols, 10, FAMILY);
      for (int r = 0, idx = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++, idx++) {
          float score = (float) Math.sqrt(clamp01(cls[idx]) * clamp01(obj[idx]));
          if (score < settings.scoreThreshold()) continue;
          float cx = (c + bbox[idx * 4]) * s;
          float cy = (r + bbox[idx * 4 + 1]) * s;
          float bw = (float) Math.exp(bbox[idx * 4 + 2]) * s;
          float bh = (float) Math.exp(bbox[idx * 4 + 3]) * s;
          float[] lm = new float[10];
          for (int k = 0; k < 5; k++) {
            lm[2 * k] = (c + kps[idx * 10 + 2 * k]) * s;
            lm[2 * k + 1] = (r + kps[idx * 10 + 2 * k + 1]) * s;
          }
          candidates.add(new float[] {cx - bw / 2f, cy - bh / 2f, cx + bw / 2f, cy + bh / 2f}, lm, score);
        }
      }
    }
    return candidates.suppress(settings, lb);
  }

  private static float clamp01(float v) {
    return Math.min(Math.max(v, 0f), 1f);
  }
}
