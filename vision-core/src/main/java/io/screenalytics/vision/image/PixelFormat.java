package io.screenalytics.vision.image;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

/**
 * The layout of a decoded picture's pixels, named as FFmpeg names pixel formats.
 *
 * <p>{@link #BGR24} is what OpenCV works on. {@link #YUVJ420P} is what a baseline JPEG stores, so a frame in it is
 * published without a round trip through BGR: the decoder's YUV picture is scaled and range-expanded in one
 * swscale pass and handed to the JPEG encoder as planes (measured by {@code bench/run decode}: for a 1080p source
 * published at 1280x720, about 2.8 ms of BGR conversion plus 14 ms of OpenCV encoding against about 1 ms of YUV
 * scaling plus 4-5 ms of FFmpeg's MJPEG encoder, one thread).
 */
public enum PixelFormat {

  /** Packed BGR24: {@code height} rows of {@code width * 3} bytes, blue, green, red; OpenCV's {@code CV_8UC3}. */
  BGR24(AV_PIX_FMT_BGR24),
  /**
   * Planar YUV 4:2:0 in full (JPEG, JFIF) range, BT.601 matrix: the luma plane ({@code width * height} bytes),
   * then the Cb and the Cr plane (each {@code ceil(width / 2) * ceil(height / 2)} bytes), rows unpadded.
   */
  YUVJ420P(AV_PIX_FMT_YUVJ420P);

  private final int ffmpegFormat;

  PixelFormat(int ffmpegFormat) {
    this.ffmpegFormat = ffmpegFormat;
  }

  /** FFmpeg's {@code AVPixelFormat} value. */
  public int ffmpegFormat() {
    return ffmpegFormat;
  }

  /**
   * Bytes of a {@code width x height} picture in this layout, rows unpadded.
   *
   * @throws IllegalArgumentException if a side is not positive
   */
  public long bytes(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("picture size must be positive: " + width + "x" + height);
    }
    return switch (this) {
      case BGR24 -> (long) width * height * 3;
      case YUVJ420P -> (long) width * height + 2L * chromaSide(width) * chromaSide(height);
    };
  }

  /** A chroma plane's side for a picture side of {@code side} pixels in 4:2:0: {@code ceil(side / 2)}. */
  public static int chromaSide(int side) {
    return (side + 1) / 2;
  }
}
