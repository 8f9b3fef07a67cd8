package io.screenalytics.vision.detect;

import io.screenalytics.vision.model.ModelSpec;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The detector families the project decodes, each with its {@link DetectorTranslator}. A family fixes the
 * decoding; the {@link ModelSpec} supplies the file, normalisation, channel order and output names, so other
 * weights of a family (for example SCRFD-10G) drop in with their own spec.
 */
public enum DetectorFamily {

  /**
   * YuNet (libfacedetection, Apache-2.0): dynamic input, grid cells with score = sqrt(cls * obj). The default.
   * Default score threshold 0.6 ({@link DetectorSettings#DEFAULT_SCORE_THRESHOLD}, chosen on YuNet's scores).
   */
  YUNET((spec, settings) -> new YuNetTranslator(settings), DetectorSettings.DEFAULT_SCORE_THRESHOLD),
  /**
   * SCRFD (Guo et al. 2021, InsightFace): two anchors per cell, distance boxes, landmark offsets. Default score
   * threshold 0.35: SCRFD scores the same faces lower than YuNet (clear frontal faces 0.56-0.9 where YuNet gives
   * 0.91-0.96), and matching quantiles of the two families' scores on the same 481 faces of the shared clips
   * (every 3rd frame of the Hamilton and 1080p pedestrian clips, faces of at least the minimum size) puts
   * YuNet's 0.6 at SCRFD's 0.34 (InsightFace's own {@code det_thresh} 0.5 sits near YuNet's 0.72).
   */
  SCRFD(ScrfdTranslator::new, 0.35f),
  /**
   * RetinaFace (Deng et al. 2020): SSD-style priors with variances 0.1 / 0.2, fixed 640x640 input. Default score
   * threshold 0.6, the reference's {@code vis_thres}: clear faces score 0.9-1.0; by the same quantile matching
   * it is a little stricter than YuNet's 0.6 (about YuNet's 0.66; YuNet's 0.6 would be RetinaFace's 0.39, where
   * hands and background already pass).
   */
  RETINAFACE(RetinaFaceTranslator::new, 0.6f);

  private final BiFunction<ModelSpec, DetectorSettings, DetectorTranslator> translators;
  private final float defaultScoreThreshold;

  DetectorFamily(BiFunction<ModelSpec, DetectorSettings, DetectorTranslator> translators, float defaultScoreThreshold) {
    this.translators = translators;
    this.defaultScoreThreshold = defaultScoreThreshold;
  }

  /**
   * The score threshold used when none is configured, 0..1: each family's equivalent of YuNet's 0.6 (scores are
   * not comparable across families).
   */
  public float defaultScoreThreshold() {
    return defaultScoreThreshold;
  }

  /**
   * This family's pre/post-processing for a model.
   *
   * @throws IllegalArgumentException when the spec does not fit the family (for example too few output names)
   */
  public DetectorTranslator translator(ModelSpec spec, DetectorSettings settings) {
    return translators.apply(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(settings, "settings"));
  }
}
