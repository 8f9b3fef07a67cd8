package io.screenalytics.vision.image;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts a decoded picture (any FFmpeg pixel format) into a new array in a {@link PixelFormat} (packed BGR24,
 * or full-range planar YUV 4:2:0 for JPEG encoding), with swscale: at the same size with the flags JavaCV uses
 * (bilinear, default colour matrix), or scaled down in the same pass with area averaging ({@code SWS_AREA}, no
 * aliasing), which costs less than converting at full size and scaling afterwards. Doing it here, after
 * decoding, lets the caller look at a frame's timestamp before deciding to pay for the conversion.
 *
 * <p>Owns a native scaling context and an aligned scratch buffer, freed by {@link #close()}. Not thread-safe:
 * one per decoding thread (the decoder service's video source, a {@link JpegDecoder}).
 */
public final class PictureConverter implements AutoCloseable {

  /** Row alignment of the scratch buffer in bytes; swscale's SIMD paths want aligned rows. */
  private static final int ALIGN = 64;
  /**
   * Pixels each destination row is padded to. swscale's x86 SIMD writers of packed RGB work in blocks of
   * pixels and write whole blocks past the last pixel of a row (measured: a 426x240 H.264 clip, rows of
   * 1,278 bytes in a 1,280-byte stride, overran the buffer's last row and corrupted the native heap:
   * {@code malloc_consolidate(): invalid chunk size}; 428 and 432 px, whose 64-byte-aligned strides happened to
   * leave 60 and 48 spare bytes, survived; with rows padded to 8 px 426, 424 and 422 px still corrupted the heap
   * under {@code MALLOC_CHECK_=3}, with 16 px none did; 64 leaves a margin for wider SIMD paths on other CPUs).
   * FFmpeg's own frame allocator pads widths the same way
   * ({@code get_video_buffer} in libavutil/frame.c aligns the width up to 32 and adds slack).
   */
  private static final int ROW_PIXEL_PAD = 64;
  /** Extra bytes after the last row, as libavutil/frame.c adds after the last plane. */
  private static final int TAIL_PAD = 64;

  private SwsContext context;
  private BytePointer scratch;
  private long scratchBytes;
  private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(4);
  private final IntPointer dstStrides = new IntPointer(4);

  /**
   * @param picture a decoded picture, as the decoder left it
   * @param width width of the result in pixels, at most the picture's
   * @param height height of the result in pixels, at most the picture's
   * @param format layout of the result
   * @return {@code format.bytes(width, height)} bytes, rows unpadded
   * @throws IllegalStateException if the picture has no usable size or format, or swscale fails
   */
  public byte[] convert(AVFrame picture, int width, int height, PixelFormat format) {
    return convert(picture, width, height, format, 1);
  }

  /**
   * As {@link #convert(AVFrame, int, int, PixelFormat)}, reading only every {@code rowStep}-th row of an 8-bit
   * planar YUV 4:2:0 picture ({@code yuv420p}, {@code yuvj420p}): swscale is handed the picture with its row
   * strides multiplied by the step and its height divided by it, so it averages whole rows horizontally and every
   * {@code rowStep}-th row vertically, at about {@code 1 / rowStep} of the cost. For a small copy where sampling
   * rows is harmless: the scene-cut thumbnail of every decoded picture (a 1080p picture to 160x90 with step 3: 4 of
   * every 12 rows of each thumbnail row; 1.1-1.2 ms a picture with every row, measured on the composed bench
   * episode, docs/cost.md session 5). Other pixel formats, or a step that would leave fewer source rows than
   * {@code height}, read every row.
   *
   * @param rowStep read rows {@code 0, rowStep, 2 * rowStep, ...}; at least 1
   * @throws IllegalArgumentException if {@code rowStep < 1}
   * @throws IllegalStateException as {@link #convert(AVFrame, int, int, PixelFormat)}
   */
  public byte[] convert(AVFrame picture, int width, int height, PixelFormat format, int rowStep) {
    if (rowStep < 1) {
      throw new IllegalArgumentException("rowStep must be >= 1: " + rowStep);
    }
    int sourceWidth = picture.width();
    int step = rowStep > 1 && picture.height() / rowStep >= height
        && (picture.format() == AV_PIX_FMT_YUV420P || picture.format() == AV_PIX_FMT_YUVJ420P) ? rowStep : 1;
    int sourceHeight = picture.height() / step;
    int sourceFormat = picture.format();
    if (sourceWidth <= 0 || sourceHeight <= 0 || sourceFormat < 0 || width <= 0 || height <= 0) {
      throw new IllegalStateException("picture has no usable size/format: " + sourceWidth + "x" + sourceHeight
          + ", pixel format " + sourceFormat + ", to " + width + "x" + height);
    }
    int flags = width == sourceWidth && height == sourceHeight ? SWS_BILINEAR : SWS_AREA;
    context = sws_getCachedContext(context, sourceWidth, sourceHeight, sourceFormat, width, height,
        format.ffmpegFormat(), flags, null, null, (DoublePointer) null);
    if (context == null || context.isNull()) {
      throw new IllegalStateException("swscale cannot convert pixel format " + sourceFormat + " at "
          + sourceWidth + "x" + sourceHeight + " to " + format + " at " + width + "x" + height);
    }
    int[][] planes = format == PixelFormat.BGR24
        ? new int[][] {{width * 3, height}}
        : new int[][] {{width, height}, {PixelFormat.chromaSide(width), PixelFormat.chromaSide(height)},
            {PixelFormat.chromaSide(width), PixelFormat.chromaSide(height)}};
    int[] strides = new int[planes.length];
    long[] offsets = new long[planes.length];
    long total = 0;
    for (int p = 0; p < planes.length; p++) {
      strides[p] = strideFor(planes[p][0]);
      offsets[p] = total;
      total += (long) strides[p] * planes[p][1] + TAIL_PAD;
    }
    ensureScratch(total);
    for (int p = 0; p < 4; p++) {
      dstPlanes.put(p, p < planes.length ? new BytePointer(scratch).position(offsets[p]) : null);
      dstStrides.put(p, p < planes.length ? strides[p] : 0);
    }
    int rows;
    try (PointerPointer<BytePointer> srcPlanes = new PointerPointer<>(picture)) {
      // an AVFrame starts with data[AV_NUM_DATA_POINTERS], so its address is the plane pointer array
      if (step == 1) {
        rows = sws_scale(context, srcPlanes, picture.linesize(), 0, sourceHeight, dstPlanes, dstStrides);
      } else {
        try (IntPointer steppedStrides = new IntPointer(picture.linesize(0) * step, picture.linesize(1) * step,
            picture.linesize(2) * step, 0)) {
          rows = sws_scale(context, srcPlanes, steppedStrides, 0, sourceHeight, dstPlanes, dstStrides);
        }
      }
    }
    if (rows != height) {
      throw new IllegalStateException("swscale returned " + rows + " of " + height + " rows");
    }
    byte[] out = new byte[Math.toIntExact(format.bytes(width, height))];
    int at = 0;
    for (int p = 0; p < planes.length; p++) {
      int rowBytes = planes[p][0];
      for (int y = 0; y < planes[p][1]; y++) {
        scratch.position(offsets[p] + (long) y * strides[p]).get(out, at, rowBytes);
        at += rowBytes;
      }
    }
    scratch.position(0);
    return out;
  }

  /**
   * Bytes per destination row of a plane whose rows hold {@code rowBytes} bytes: padded by
   * {@link #ROW_PIXEL_PAD} pixels' worth (3 bytes each, the widest layout), 64-aligned.
   */
  static int strideFor(int rowBytes) {
    return (rowBytes + ROW_PIXEL_PAD * 3 + ALIGN - 1) / ALIGN * ALIGN;
  }

  private void ensureScratch(long bytes) {
    if (scratch != null && scratchBytes >= bytes) {
      return;
    }
    freeScratch();
    scratch = new BytePointer(av_malloc(bytes)).capacity(bytes);
    if (scratch.isNull()) {
      scratch = null;
      throw new IllegalStateException("cannot allocate " + bytes + " bytes for a BGR frame");
    }
    scratchBytes = bytes;
  }

  private void freeScratch() {
    if (scratch != null) {
      av_free(scratch.position(0));
      scratch = null;
      scratchBytes = 0;
    }
  }

  @Override
  public void close() {
    if (context != null) {
      sws_freeContext(context);
      context = null;
    }
    freeScratch();
    dstPlanes.close();
    dstStrides.close();
  }
}
