package io.screenalytics.embed.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a face is worth embedding, before the model runs. Checks, in order: crop size, detection score,
 * crop contrast, crop sharpness. The measures are those of {@code vision-core}'s {@code QualityMeasures}
 * on the aligned crop (computed by detect-track and carried on each face).
 *
 * <p>A rejected face keeps its record with a skip reason ({@code det_score<0.6}, {@code contrast<8.0},
 * {@code blur<3.0}, {@code crop_size}) so downstream counts and reports still see it. Defaults and the
 * measurements behind them: {@link #DEFAULT_MIN_DET_SCORE}, {@link #DEFAULT_MIN_CONTRAST}, {@link #DEFAULT_MIN_BLUR}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param minDetScore detector confidence below which a face is skipped, 0..1
 * @param minContrast grey-level standard deviation of the crop (0..127.5) below which a face is skipped
 * @param minBlur     variance of the crop's Laplacian (squared grey levels, 112x112 crops) below which a face is
 *                    skipped: lower is blurrier
 */
public record QualityGate(double minDetScore, double minContrast, double minBlur) {

  /**
   * 0.6, the detector's own default threshold ({@code detect.score.threshold}): the gate only matters when the
   * detector runs lower (ByteTrack feeds on low-score boxes). Real faces of the shared videos (YuNet s, stride 6)
   * score 0.63 at the 1st percentile, 0.94 at the median ({@code bench/run embed}).
   */
  public static final double DEFAULT_MIN_DET_SCORE = 0.6;

  /**
   * 8 grey levels. Measured with {@code bench/run embed} on 475 real crops (shared videos and photos): lowering a
   * sharp crop's contrast to ~7.4 (x0.15) leaves a median cosine of 0.74 to its original embedding but 25% of crops
   * below 0.5 (the clustering threshold); at ~4.9 (x0.1) the median is 0.44 and 58% are lost. Real crops: 1st
   * percentile 4, median 47; every real crop under 8 (18% of the Hamilton clip's faces, none of the other videos')
   * is an audience face in the dark, hardly visible.
   */
  public static final double DEFAULT_MIN_CONTRAST = 8.0;

  /**
   * 3 squared grey levels. Blur destroys identity before this measure gets small: sharp real crops blurred with a
   * Gaussian of sigma 3 px measure ~4.5 (median) at a median cosine of 0.49 to their original embedding; at sigma
   * 4-6 the measure floors at 2-4 (8-bit quantisation noise) with cosines of 0.34 and less. Small broadcast faces
   * upscaled to 112x112 measure low too yet stay recognisable: in the Hamilton clip (median 11) a clearly visible
   * audience member's track measures 4-5. So the gate sits just below them and takes only crops with almost no
   * detail (in the clip, all of them dark as well); telling soft-but-small from blurred would need the face's
   * source resolution, which the crop does not carry.
   */
  public static final double DEFAULT_MIN_BLUR = 3.0;

  /** Skip reason of a crop whose byte length is not {@code width * height * 3}. */
  public static final String CROP_SIZE = "crop_size";

  /** Validates; {@link IllegalArgumentException} lists every problem. */
  public QualityGate {
    List<String> problems = new ArrayList<>();
    if (!(minDetScore >= 0 && minDetScore <= 1)) {
      problems.add("minDetScore must be in [0, 1], was " + minDetScore);
    }
    if (!(minContrast >= 0)) {
      problems.add("minContrast must be >= 0, was " + minContrast);
    }
    if (!(minBlur >= 0)) {
      problems.add("minBlur must be >= 0, was " + minBlur);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid quality gate: " + String.join("; ", problems));
    }
  }

  /** The measured defaults. */
  public static QualityGate defaults() {
    return new QualityGate(DEFAULT_MIN_DET_SCORE, DEFAULT_MIN_CONTRAST, DEFAULT_MIN_BLUR);
  }

  /**
   * Why a face should not be embedded.
   *
   * @param detScore  detector confidence, 0..1
   * @param contrast  grey standard deviation of the aligned crop
   * @param blur      variance of the Laplacian of the aligned crop
   * @param cropBytes length of the packed BGR24 crop
   * @param width     crop width, pixels
   * @param height    crop height, pixels
   * @return the skip reason, or empty when the face passes every check
   */
  public Optional<String> reject(double detScore, double contrast, double blur, int cropBytes, int width,
      int height) {
    if (width <= 0 || height <= 0 || cropBytes != width * height * 3) {
      return Optional.of(CROP_SIZE);
    }
    if (detScore < minDetScore) {
      return Optional.of("det_score<" + minDetScore);
    }
    if (contrast < minContrast) {
      return Optional.of("contrast<" + minContrast);
    }
    if (blur < minBlur) {
      return Optional.of("blur<" + minBlur);
    }
    return Optional.empty();
  }
}
