package io.screenalytics.video.decode;

import io.screenalytics.vision.image.PixelFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * How to decode and sample one video. Immutable and validated on construction.
 *
 * @param stride keep one frame in {@code stride} source frames; 1 keeps every frame
 * @param policy how the kept frames are chosen
 * @param decoderThreads threads FFmpeg may use to decode this video (FFmpeg's {@code threads} option);
 *     JavaCV's own default would use every core, which oversubscribes a worker that has a core quota
 * @param maxLongSide largest long side of the returned frames in pixels, or {@link #SOURCE_SIZE} (0): kept
 *     frames larger than this are scaled down while they are converted (see {@link #fitWithin})
 * @param skipLoopFilter FFmpeg's {@code skip_loop_filter} ({@link #LOOP_FILTER_VALUES}); {@code none} keeps the
 *     in-loop deblocking filter on every frame
 * @param pixelFormat the layout of returned frames ({@link PixelFormat#BGR24} for OpenCV, {@link
 *     PixelFormat#YUVJ420P} for JPEG encoding without a BGR round trip)
 */
public record DecodeSettings(int stride, SamplingPolicy policy, int decoderThreads, int maxLongSide,
    String skipLoopFilter, PixelFormat pixelFormat) {

  /** Values of {@link #skipLoopFilter()}, FFmpeg's {@code AVDiscard} names. */
  public static final List<String> LOOP_FILTER_VALUES = List.of("none", "nonref", "bidir", "nonkey", "all");

  /** Upper bound on decoder threads; FFmpeg itself caps most decoders at 16 or 32. */
  public static final int MAX_DECODER_THREADS = 64;
  /** {@link #maxLongSide()} meaning "no scaling". */
  public static final int SOURCE_SIZE = 0;
  /** Smallest long-side cap accepted, pixels. */
  public static final int MIN_LONG_SIDE = 16;

  /**
   * @throws IllegalArgumentException listing every invalid value at once
   */
  public DecodeSettings {
    List<String> problems = new ArrayList<>();
    if (stride < 1) {
      problems.add("stride must be >= 1 frame, was " + stride);
    }
    if (policy == null) {
      problems.add("policy must be set (EXACT_STRIDE, FAST_STRIDE or BIDIR_STRIDE)");
    }
    if (decoderThreads < 1 || decoderThreads > MAX_DECODER_THREADS) {
      problems.add("decoderThreads must be in [1, " + MAX_DECODER_THREADS + "], was " + decoderThreads);
    }
    if (maxLongSide != SOURCE_SIZE && maxLongSide < MIN_LONG_SIDE) {
      problems.add("maxLongSide must be 0 (source size) or >= " + MIN_LONG_SIDE + " px, was " + maxLongSide);
    }
    if (!LOOP_FILTER_VALUES.contains(skipLoopFilter)) {
      problems.add("skipLoopFilter must be one of " + LOOP_FILTER_VALUES + ", was " + skipLoopFilter);
    }
    if (pixelFormat == null) {
      problems.add("pixelFormat must be set (BGR24 or YUVJ420P)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid decode settings: " + String.join("; ", problems));
    }
  }

  /** Settings with frames returned as BGR24. */
  public DecodeSettings(int stride, SamplingPolicy policy, int decoderThreads, int maxLongSide,
      String skipLoopFilter) {
    this(stride, policy, decoderThreads, maxLongSide, skipLoopFilter, PixelFormat.BGR24);
  }

  /** Settings with the in-loop filter kept on every frame, frames returned as BGR24. */
  public DecodeSettings(int stride, SamplingPolicy policy, int decoderThreads, int maxLongSide) {
    this(stride, policy, decoderThreads, maxLongSide, "none");
  }

  /** Settings that keep frames at source size. */
  public DecodeSettings(int stride, SamplingPolicy policy, int decoderThreads) {
    this(stride, policy, decoderThreads, SOURCE_SIZE);
  }

  /** Settings with {@link SamplingPolicy#DEFAULT}, at source size. */
  public static DecodeSettings of(int stride, int decoderThreads) {
    return new DecodeSettings(stride, SamplingPolicy.DEFAULT, decoderThreads);
  }

  /**
   * The size of a {@code width x height} frame under a long-side cap: unchanged when it fits or the cap is
   * {@link #SOURCE_SIZE}, else scaled so that the long side equals the cap, keeping the aspect ratio (each side
   * rounded, at least 1). Never enlarges.
   *
   * @return {@code {width, height}} in pixels
   */
  public static int[] fitWithin(int width, int height, int maxLongSide) {
    int longSide = Math.max(width, height);
    if (maxLongSide == SOURCE_SIZE || longSide <= maxLongSide) {
      return new int[] {width, height};
    }
    double scale = (double) maxLongSide / longSide;
    return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
  }
}
