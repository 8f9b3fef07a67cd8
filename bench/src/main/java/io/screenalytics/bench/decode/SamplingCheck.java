package io.screenalytics.bench.decode;

import java.util.List;

/**
 * Compares the frames two sampling policies publish: how many, and how far each lies from its stride point
 * (the multiple of the stride nearest to its index) and from the previous published frame.
 */
public final class SamplingCheck {

  private SamplingCheck() {
  }

  /** Prints one line per policy. */
  public static void print(List<Long> exact, List<Long> fast, int stride, int totalFrames) {
    long points = (totalFrames + stride - 1) / stride;
    System.out.printf("%n  frames published at stride %d (%d stride points):%n", stride, points);
    line("exact_stride", exact, stride);
    line("fast_stride", fast, stride);
  }

  private static void line(String name, List<Long> idx, int stride) {
    long maxOffset = 0;
    double sumOffset = 0;
    long onPoint = 0;
    long minGap = Long.MAX_VALUE;
    long maxGap = 0;
    for (int i = 0; i < idx.size(); i++) {
      long f = idx.get(i);
      long point = Math.round((double) f / stride) * stride;
      long offset = Math.abs(f - point);
      maxOffset = Math.max(maxOffset, offset);
      sumOffset += offset;
      onPoint += offset == 0 ? 1 : 0;
      if (i > 0) {
        long gap = f - idx.get(i - 1);
        minGap = Math.min(minGap, gap);
        maxGap = Math.max(maxGap, gap);
      }
    }
    System.out.printf("    %-13s %5d frames, %5.1f %% on a stride point, mean |offset| %.2f, max %d frames;"
        + " gaps %d-%d%n", name, idx.size(), 100.0 * onPoint / Math.max(1, idx.size()),
        sumOffset / Math.max(1, idx.size()), maxOffset, minGap == Long.MAX_VALUE ? 0 : minGap, maxGap);
  }
}
