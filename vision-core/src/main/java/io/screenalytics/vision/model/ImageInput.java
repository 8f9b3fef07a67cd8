package io.screenalytics.vision.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The image input of a face model: an NCHW tensor of {@code height x width} pixels, normalised as
 * {@code value = (pixel - mean[c]) / std[c]} with pixels 0..255 and {@code c} indexing the channels in
 * {@link #channelOrder()}. Immutable and thread-safe.
 *
 * @param width        input width in pixels; for dynamic detectors, the default maximum (long side)
 * @param height       input height in pixels; for dynamic detectors, the default maximum
 * @param mean         per-channel mean subtracted from 0..255 pixels, {@code float[3]} in channel order
 * @param std          per-channel divisor applied after the mean, {@code float[3]} in channel order
 * @param channelOrder colour order of the input planes
 */
public record ImageInput(int width, int height, float[] mean, float[] std, ChannelOrder channelOrder)
    implements InputSpec {

  /** Validates every field and takes defensive copies; throws {@link IllegalArgumentException} listing all problems. */
  public ImageInput {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(std, "std");
    Objects.requireNonNull(channelOrder, "channelOrder");
    StringBuilder problems = new StringBuilder();
    if (width <= 0 || height <= 0) problems.append("; input size must be positive: ").append(width).append('x').append(height);
    if (mean.length != 3 || std.length != 3) problems.append("; mean and std need 3 values each");
    for (float s : std) if (!(s > 0f)) problems.append("; std values must be > 0: ").append(Arrays.toString(std));
    if (problems.length() > 0) {
      throw new IllegalArgumentException("invalid image input: " + problems.substring(2));
    }
    mean = mean.clone();
    std = std.clone();
  }

  @Override public float[] mean() { return mean.clone(); }

  @Override public float[] std() { return std.clone(); }

  /** Normalisation mean of channel {@code c} (0..2, in channel order), without copying. */
  public float meanOf(int c) { return mean[c]; }

  /** Normalisation divisor of channel {@code c} (0..2, in channel order), without copying. */
  public float stdOf(int c) { return std[c]; }

  /** The same normalisation at another input size. */
  public ImageInput withSize(int newWidth, int newHeight) {
    return new ImageInput(newWidth, newHeight, mean, std, channelOrder);
  }

  @Override public boolean equals(Object o) {
    return o instanceof ImageInput i && width == i.width && height == i.height && Arrays.equals(mean, i.mean)
        && Arrays.equals(std, i.std) && channelOrder == i.channelOrder;
  }

  @Override public int hashCode() {
    return Objects.hash(width, height, Arrays.hashCode(mean), Arrays.hashCode(std), channelOrder);
  }

  @Override public String toString() {
    return width + "x" + height + " " + channelOrder + " mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std);
  }
}
