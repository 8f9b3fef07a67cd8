package io.screenalytics.video.decode;

import io.screenalytics.vision.image.PixelFormat;
import java.nio.ByteBuffer;

/**
 * One decoded video frame, copied out of the decoder (JavaCV reuses its buffers) so it can be kept and
 * handed to other threads. Immutable: the pixels can only be read, through a read-only view or a copy;
 * the public constructor copies the array it is given.
 *
 * <p>Pixels are in the {@link #format()} the decoder was asked for ({@link DecodeSettings#pixelFormat()}): packed
 * BGR24, {@code height} rows of {@code width * 3} bytes, no padding, byte order blue, green, red (OpenCV's
 * {@code CV_8UC3} layout), or full-range planar YUV 4:2:0 ({@link PixelFormat#YUVJ420P}), which is published
 * without a round trip through BGR. Conversion from the decoder's YUV uses swscale's defaults, as JavaCV does.
 */
public final class DecodedFrame {

  private final long frameIdx;
  private final double tsSeconds;
  private final int width;
  private final int height;
  private final int sourceWidth;
  private final int sourceHeight;
  private final PixelFormat format;
  private final byte[] pixels;

  /**
   * A frame holding a copy of {@code bgr}.
   *
   * @param frameIdx index of the frame in the video stream, 0 for the first frame (see {@link #frameIdx()})
   * @param tsSeconds presentation time in seconds (see {@link #tsSeconds()})
   * @param width width in pixels, positive
   * @param height height in pixels, positive
   * @param bgr packed BGR24 pixels, exactly {@code width * height * 3} bytes; copied
   * @throws IllegalArgumentException if a value is out of range or the array has the wrong length
   */
  public DecodedFrame(long frameIdx, double tsSeconds, int width, int height, byte[] bgr) {
    this(checkLength(width, height, PixelFormat.BGR24, bgr).clone(), PixelFormat.BGR24, frameIdx, tsSeconds, width,
        height, width, height);
  }

  /** Takes over {@code pixels} without copying them. */
  private DecodedFrame(byte[] pixels, PixelFormat format, long frameIdx, double tsSeconds, int width, int height,
      int sourceWidth, int sourceHeight) {
    if (frameIdx < 0) {
      throw new IllegalArgumentException("frameIdx must be >= 0: " + frameIdx);
    }
    if (sourceWidth < width || sourceHeight < height) {
      throw new IllegalArgumentException("source size " + sourceWidth + "x" + sourceHeight
          + " is smaller than the frame, " + width + "x" + height);
    }
    this.frameIdx = frameIdx;
    this.tsSeconds = tsSeconds;
    this.width = width;
    this.height = height;
    this.sourceWidth = sourceWidth;
    this.sourceHeight = sourceHeight;
    this.format = format;
    this.pixels = checkLength(width, height, format, pixels);
  }

  /**
   * A frame that takes over {@code pixels} without copying them; the caller must not touch the array again.
   *
   * @param sourceWidth width the picture was decoded at, at least {@code width}
   * @param sourceHeight height the picture was decoded at, at least {@code height}
   */
  static DecodedFrame wrap(long frameIdx, double tsSeconds, int width, int height, PixelFormat format,
      byte[] pixels, int sourceWidth, int sourceHeight) {
    return new DecodedFrame(pixels, format, frameIdx, tsSeconds, width, height, sourceWidth, sourceHeight);
  }

  private static byte[] checkLength(int width, int height, PixelFormat format, byte[] pixels) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
    }
    long expected = format.bytes(width, height);
    if (pixels == null || pixels.length != expected) {
      throw new IllegalArgumentException("expected " + expected + " " + format + " bytes for "
          + width + "x" + height + ", got " + (pixels == null ? "null" : pixels.length));
    }
    return pixels;
  }

  /**
   * Index of this frame in the video stream (0 = first frame): {@code round((pts - firstPts) * fps)} from
   * the stream's own timestamps, forced to increase strictly. For a constant-frame-rate stream this is the
   * frame's position in display order, also when frames before it were skipped or lost. Stable across
   * runs and sampling policies, so it serves as a natural key.
   */
  public long frameIdx() {
    return frameIdx;
  }

  /**
   * Presentation time in seconds, from the frame's own timestamp (not {@code frameIdx / fps}), measured
   * from the start of the file (the container's {@code start_time}), the timeline players and the ffmpeg
   * CLI use, so it lines up with the file's audio.
   */
  public double tsSeconds() {
    return tsSeconds;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /**
   * Width of the picture as decoded (the stream's coded width), pixels: larger than {@link #width()} when
   * the frame was scaled down during conversion ({@link DecodeSettings#maxLongSide()}).
   */
  public int sourceWidth() {
    return sourceWidth;
  }

  /** Height of the picture as decoded, pixels; see {@link #sourceWidth()}. */
  public int sourceHeight() {
    return sourceHeight;
  }

  /** The layout of {@link #data()}. */
  public PixelFormat format() {
    return format;
  }

  /** A read-only view of the pixels in {@link #format()} ({@code format().bytes(width, height)} bytes). */
  public ByteBuffer data() {
    return ByteBuffer.wrap(pixels).asReadOnlyBuffer();
  }

  /**
   * A read-only view of the packed BGR24 pixels ({@code width * height * 3} bytes), without copying.
   *
   * @throws IllegalStateException if the frame is not in {@link PixelFormat#BGR24}
   */
  public ByteBuffer bgr() {
    return ByteBuffer.wrap(requireBgr()).asReadOnlyBuffer();
  }

  /**
   * A fresh copy of the packed BGR24 pixels ({@code width * height * 3} bytes).
   *
   * @throws IllegalStateException if the frame is not in {@link PixelFormat#BGR24}
   */
  public byte[] bgrCopy() {
    return requireBgr().clone();
  }

  private byte[] requireBgr() {
    if (format != PixelFormat.BGR24) {
      throw new IllegalStateException("frame " + frameIdx + " is " + format + ", not BGR24");
    }
    return pixels;
  }

  /** The pixels themselves, for readers in this package that promise not to write to them. */
  byte[] pixels() {
    return pixels;
  }

  @Override
  public String toString() {
    return "DecodedFrame[frameIdx=" + frameIdx + ", ts=" + tsSeconds + " s, " + width + "x" + height + " " + format
        + (width != sourceWidth || height != sourceHeight ? " from " + sourceWidth + "x" + sourceHeight : "") + "]";
  }
}
