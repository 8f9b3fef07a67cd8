package io.screenalytics.decoder.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * How to decode and sample one video. Immutable and validated on construction.
 *
 * @param stride keep one frame in {@code stride} source frames; 1 keeps every frame
 * @param policy how the kept frames are chosen
 * @param decoderThreads threads FFmpeg may use to decode this video (FFmpeg's {@code threads} option);
 *     JavaCV's own default would use every core, which oversubscribes a worker that has a core quota
 */
public record DecodeSettings(int stride, SamplingPolicy policy, int decoderThreads) {

  /** Upper bound on decoder threads; FFmpeg itself caps most decoders at 16 or 32. */
  public static final int MAX_DECODER_THREADS = 64;

  /**
   * @throws IllegalArgumentException listing every invalid value at once
   */
  public DecodeSettings {
    List<String> problems = new ArrayList<>();
    if (stride < 1) {
      problems.add("stride must be >= 1 frame, was " + stride);
    }
    if (policy == null) {
      problems.add("policy must be set (EXACT_STRIDE or FAST_STRIDE)");
    }
    if (decoderThreads < 1 || decoderThreads > MAX_DECODER_THREADS) {
      problems.add("decoderThreads must be in [1, " + MAX_DECODER_THREADS + "], was " + decoderThreads);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid decode settings: " + String.join("; ", problems));
    }
  }

  /** Settings with {@link SamplingPolicy#DEFAULT}. */
  public static DecodeSettings of(int stride, int decoderThreads) {
    return new DecodeSettings(stride, SamplingPolicy.DEFAULT, decoderThreads);
  }
}
