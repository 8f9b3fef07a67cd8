package io.screenalytics.video.decode;

import io.screenalytics.vision.image.PixelFormat;

/**
 * A small copy of one decoded picture for scene-cut analysis: area-averaged down so that its long side is at most
 * {@link #LONG_SIDE} pixels, in full-range planar YUV 4:2:0 ({@link PixelFormat#YUVJ420P}). Made for every decoded
 * frame, not only the sampled ones (see {@link VideoSource#thumbnailCurrent()}).
 *
 * @param frameIdx the frame's index in the stream ({@link DecodedFrame#frameIdx()})
 * @param ts the frame's presentation time in seconds on the file's timeline ({@link DecodedFrame#tsSeconds()})
 * @param width width in pixels, positive
 * @param height height in pixels, positive
 * @param yuv {@code PixelFormat.YUVJ420P.bytes(width, height)} bytes: the luma plane, then Cb, then Cr; not copied,
 *     readers must not write to it
 */
public record Thumbnail(long frameIdx, double ts, int width, int height, byte[] yuv) {

  /**
   * Long side of a thumbnail in pixels: 160 keeps a 2.39:1 letterbox bar of a 16:9 frame (12 % of the height) at
   * 10 rows and costs about what converting a 1280-wide published frame costs per 30 decoded frames.
   */
  public static final int LONG_SIDE = 160;

  /**
   * Source rows averaged per thumbnail row at most (every {@code height / (thumbnail height * 4)}-th row is read,
   * {@link io.screenalytics.vision.image.PictureConverter#convert(org.bytedeco.ffmpeg.avutil.AVFrame, int, int,
   * PixelFormat, int)}): 4 of the 12 rows of a 1080p picture cut the thumbnail's cost by a third (1.03 to 0.68 ms a
   * picture on the 1-minute composed bench episode) and change its pixels by 0.7 gray levels on average; the scene
   * cuts of {@code SceneCutTruthTest} stay the same.
   */
  public static final int ROWS_PER_ROW = 4;

  /**
   * The thumbnail's size for a picture: its long side at most {@link #LONG_SIDE}, aspect kept.
   *
   * @param width picture width in pixels, positive
   * @param height picture height in pixels, positive
   * @return {@code {width, height}} of the thumbnail, pixels
   */
  public static int[] size(int width, int height) {
    return DecodeSettings.fitWithin(width, height, LONG_SIDE);
  }

  /**
   * Every how many source rows one is read for a thumbnail {@code thumbnailHeight} rows tall: {@code height /
   * (thumbnailHeight * ROWS_PER_ROW)}, at least 1 (3 for 1080p to 90 rows).
   */
  public static int rowStep(int height, int thumbnailHeight) {
    return Math.max(1, height / (thumbnailHeight * ROWS_PER_ROW));
  }

  /**
   * @throws IllegalArgumentException if the sizes are not positive or the bytes do not fit them
   */
  public Thumbnail {
    if (width <= 0 || height <= 0 || yuv == null || yuv.length != PixelFormat.YUVJ420P.bytes(width, height)) {
      throw new IllegalArgumentException("bad thumbnail " + width + "x" + height + " for frame " + frameIdx);
    }
  }

  /** Luma (full range, 0..255) of pixel {@code (x, y)}. */
  int luma(int x, int y) {
    return yuv[y * width + x] & 0xff;
  }

  /** Width of the chroma planes, {@code ceil(width / 2)}. */
  int chromaWidth() {
    return PixelFormat.chromaSide(width);
  }

  /** Height of the chroma planes, {@code ceil(height / 2)}. */
  int chromaHeight() {
    return PixelFormat.chromaSide(height);
  }
}
