package io.screenalytics.bench.detect;

import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorInput;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.FaceDetectors;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detector milliseconds per frame, per family, side by side: every round runs every detector over the same real
 * frames in turn (the order rotating each round), timing pre-processing, the ONNX run and post-processing
 * separately; the figure per detector is the median over rounds of its mean per frame. One warm-up round first.
 */
public final class DetectorSpeed {

  private static final Logger LOG = LoggerFactory.getLogger(DetectorSpeed.class);

  private DetectorSpeed() {}

  /**
   * Result for one detector.
   *
   * @param name        model name
   * @param preMs       median pre-processing ms per frame
   * @param runMs       median ONNX run ms per frame
   * @param postMs      median post-processing ms per frame
   * @param totalMs     median total ms per frame (measured, not the sum of medians)
   * @param facesPerFrame faces found per frame at the family's default threshold
   */
  public record Row(String name, double preMs, double runMs, double postMs, double totalMs, double facesPerFrame) {}

  /**
   * Measures every detector in {@code names} on {@code frames}.
   *
   * @param threads intra-op threads per session (the service default quota is 1)
   */
  public static List<Row> measure(ModelLocator models, List<String> names, List<BgrImage> frames, int rounds,
      int threads, int inputSize) {
    List<OnnxFaceDetector> detectors = new ArrayList<>();
    try {
      for (String name : names) {
        float threshold = FaceDetectors.familyOf(name).defaultScoreThreshold();
        DetectorSettings settings = DetectorSettings.defaults().withMaxInputSize(inputSize).withScoreThreshold(threshold);
        detectors.add(FaceDetectors.open(name, models, settings, SessionSettings.cpu(threads)));
      }
      double[][][] perRound = new double[names.size()][4][rounds];
      int[] faces = new int[names.size()];
      for (int r = -1; r < rounds; r++) {
        for (int k = 0; k < names.size(); k++) {
          int d = (k + Math.max(r, 0)) % names.size();
          double[] t = time(detectors.get(d), frames, r < 0 ? null : faces, d);
          if (r >= 0) {
            for (int s = 0; s < 4; s++) {
              perRound[d][s][r] = t[s] / frames.size();
            }
          }
        }
        if (r >= 0) {
          LOG.info("round {}/{} done", r + 1, rounds);
        }
      }
      List<Row> rows = new ArrayList<>();
      for (int d = 0; d < names.size(); d++) {
        rows.add(new Row(names.get(d), median(perRound[d][0]), median(perRound[d][1]), median(perRound[d][2]),
            median(perRound[d][3]), faces[d] / (double) (frames.size() * rounds)));
      }
      return rows;
    } finally {
      detectors.forEach(OnnxFaceDetector::close);
    }
  }

  /** Milliseconds spent in pre, run, post and in total over all frames. */
  private static double[] time(OnnxFaceDetector detector, List<BgrImage> frames, int[] faces, int d) {
    double[] t = new double[4];
    for (BgrImage image : frames) {
      long t0 = System.nanoTime();
      DetectorInput in = detector.preprocess(image);
      long t1 = System.nanoTime();
      Map<String, FloatTensor> out = detector.run(in);
      long t2 = System.nanoTime();
      List<Detection> found = detector.postprocess(out, in.letterbox());
      long t3 = System.nanoTime();
      t[0] += (t1 - t0) / 1e6;
      t[1] += (t2 - t1) / 1e6;
      t[2] += (t3 - t2) / 1e6;
      t[3] += (t3 - t0) / 1e6;
      if (faces != null) {
        faces[d] += found.size();
      }
    }
    return t;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
