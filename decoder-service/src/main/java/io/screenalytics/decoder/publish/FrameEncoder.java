package io.screenalytics.decoder.publish;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.vision.image.PixelFormat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a decoded frame into the image the decoder publishes: scaled down so its long side is at most
 * {@code maxLongSide}, turned upright, and JPEG-encoded (baseline, 4:2:0, libjpeg's quantisation at the quality).
 *
 * <p>A frame in {@link PixelFormat#YUVJ420P}, which the decoder service asks for, is encoded from its planes by
 * FFmpeg's MJPEG encoder ({@link MjpegEncoder}) after a turn of the planes in Java; it must already be at its
 * published size (the decoder scales while it converts). A {@link PixelFormat#BGR24} frame takes OpenCV's path,
 * described below, which is what the decoder did before and is kept for callers that hold BGR and for the cost
 * benchmark's comparison ({@code decoder.publish.from=bgr}).
 *
 * <p>The decoder normally hands over frames already scaled while they were converted from YUV
 * ({@link io.screenalytics.video.decode.DecodeSettings#maxLongSide()}, swscale area averaging), which is the
 * cheap path; a larger frame is scaled here with OpenCV {@code INTER_AREA} (no aliasing, the same face-crop
 * fidelity, but about 9 ms of CPU for 1920x1080 to 1280x720 against under 1 ms more in swscale, measured by
 * {@code bench/run decode}). Scaling comes before the turn and the encoding, which dominates the cost (about
 * 31 ms for 1920x1080, 14 ms for 1280x720, quality 90, on this machine). The pixels are copied into OpenCV
 * once; scaling, turning and encoding work on native memory.
 *
 * <p>Thread-safe (the MJPEG path is serialised on its one encoder context); {@link #close()} frees that context,
 * and the OpenCV path frees its native memory before returning.
 */
public final class FrameEncoder implements AutoCloseable {

  /** Long-side cap meaning "publish at source size". */
  public static final int SOURCE_SIZE = DecodeSettings.SOURCE_SIZE;

  private final int maxLongSide;
  private final int jpegQuality;
  private final MjpegEncoder mjpeg;

  /**
   * @param maxLongSide largest published long side in pixels, or {@link #SOURCE_SIZE} (0) for no scaling;
   *     frames are never enlarged
   * @param jpegQuality JPEG quality, 1..100
   * @throws IllegalArgumentException if a value is out of range
   */
  public FrameEncoder(int maxLongSide, int jpegQuality) {
    if (maxLongSide < 0 || (maxLongSide > 0 && maxLongSide < 16)) {
      throw new IllegalArgumentException("maxLongSide must be 0 (source size) or >= 16 px, was " + maxLongSide);
    }
    if (jpegQuality < 1 || jpegQuality > 100) {
      throw new IllegalArgumentException("jpegQuality must be in 1..100, was " + jpegQuality);
    }
    this.maxLongSide = maxLongSide;
    this.jpegQuality = jpegQuality;
    this.mjpeg = new MjpegEncoder(jpegQuality);
  }

  /** The long-side cap in pixels, 0 for source size. */
  public int maxLongSide() {
    return maxLongSide;
  }

  /** The JPEG quality, 1..100. */
  public int jpegQuality() {
    return jpegQuality;
  }

  /**
   * The published size of a {@code width x height} frame before any turn: the same when it fits, else scaled
   * so the long side equals the cap, each side rounded and at least 1.
   *
   * @return {@code {width, height}} in pixels
   */
  public int[] scaledSize(int width, int height) {
    return DecodeSettings.fitWithin(width, height, maxLongSide);
  }

  /**
   * Scales, turns and encodes one frame.
   *
   * @param frame a decoded frame in coded orientation: in BGR24 at source size or already scaled by the decoder,
   *     in YUVJ420P at its published size
   * @param rotation the turn that makes it upright
   * @return the JPEG and its geometry
   * @throws IllegalStateException if OpenCV or FFmpeg cannot encode the image
   * @throws IllegalArgumentException if a YUVJ420P frame is larger than the long-side cap
   */
  public EncodedFrame encode(DecodedFrame frame, Rotation rotation) {
    int[] size = scaledSize(frame.width(), frame.height());
    if (frame.format() == PixelFormat.YUVJ420P) {
      return encodeYuv(frame, rotation, size);
    }
    try (Mat source = new Mat(frame.height(), frame.width(), CV_8UC3)) {
      long bytes = (long) frame.width() * frame.height() * 3;
      source.data().capacity(bytes).asByteBuffer().put(frame.bgr());
      Mat scaled = source;
      Mat turned = null;
      try {
        if (size[0] != frame.width() || size[1] != frame.height()) {
          scaled = new Mat();
          try (Size target = new Size(size[0], size[1])) {
            opencv_imgproc.resize(source, scaled, target, 0, 0, INTER_AREA);
          }
        }
        Mat upright = scaled;
        if (rotation != Rotation.NONE) {
          turned = new Mat();
          opencv_core.rotate(scaled, turned, rotateCode(rotation));
          upright = turned;
        }
        byte[] jpeg = encodeJpeg(upright, jpegQuality);
        int sourceWidth = rotation.swapsSides() ? frame.sourceHeight() : frame.sourceWidth();
        int sourceHeight = rotation.swapsSides() ? frame.sourceWidth() : frame.sourceHeight();
        return new EncodedFrame(jpeg, upright.cols(), upright.rows(), sourceWidth, sourceHeight, rotation);
      } finally {
        if (turned != null) {
          turned.close();
        }
        if (scaled != source) {
          scaled.close();
        }
      }
    }
  }

  private EncodedFrame encodeYuv(DecodedFrame frame, Rotation rotation, int[] size) {
    if (size[0] != frame.width() || size[1] != frame.height()) {
      throw new IllegalArgumentException("a YUVJ420P frame must come at its published size: " + frame.width() + "x"
          + frame.height() + " is over the long-side cap of " + maxLongSide + " px");
    }
    byte[] planes = new byte[frame.data().remaining()];
    frame.data().get(planes);
    int width = frame.width();
    int height = frame.height();
    if (rotation != Rotation.NONE) {
      planes = turn(planes, width, height, rotation);
      if (rotation.swapsSides()) {
        width = frame.height();
        height = frame.width();
      }
    }
    byte[] jpeg;
    synchronized (mjpeg) {
      jpeg = mjpeg.encode(planes, width, height);
    }
    int sourceWidth = rotation.swapsSides() ? frame.sourceHeight() : frame.sourceWidth();
    int sourceHeight = rotation.swapsSides() ? frame.sourceWidth() : frame.sourceHeight();
    return new EncodedFrame(jpeg, width, height, sourceWidth, sourceHeight, rotation);
  }

  /**
   * Turns each plane of a {@code width x height} YUVJ420P picture clockwise by {@code rotation}.
   *
   * @return the turned planes, {@code PixelFormat.YUVJ420P.bytes} of the turned size
   */
  static byte[] turn(byte[] planes, int width, int height, Rotation rotation) {
    byte[] out = new byte[planes.length];
    int chromaWidth = PixelFormat.chromaSide(width);
    int chromaHeight = PixelFormat.chromaSide(height);
    int lumaBytes = width * height;
    int chromaBytes = chromaWidth * chromaHeight;
    turnPlane(planes, 0, width, height, out, rotation);
    turnPlane(planes, lumaBytes, chromaWidth, chromaHeight, out, rotation);
    turnPlane(planes, lumaBytes + chromaBytes, chromaWidth, chromaHeight, out, rotation);
    return out;
  }

  private static void turnPlane(byte[] in, int offset, int width, int height, byte[] out, Rotation rotation) {
    int turnedWidth = rotation.swapsSides() ? height : width;
    for (int y = 0; y < height; y++) {
      int row = offset + y * width;
      for (int x = 0; x < width; x++) {
        int tx;
        int ty;
        switch (rotation) {
          case CLOCKWISE_90 -> {
            tx = height - 1 - y;
            ty = x;
          }
          case CLOCKWISE_180 -> {
            tx = width - 1 - x;
            ty = height - 1 - y;
          }
          case CLOCKWISE_270 -> {
            tx = y;
            ty = width - 1 - x;
          }
          default -> {
            tx = x;
            ty = y;
          }
        }
        out[offset + ty * turnedWidth + tx] = in[row + x];
      }
    }
  }

  /** Frees the MJPEG encoder's native context; the encoder may still be used, and then opens a new one. */
  @Override
  public void close() {
    synchronized (mjpeg) {
      mjpeg.close();
    }
  }

  private static int rotateCode(Rotation rotation) {
    return switch (rotation) {
      case CLOCKWISE_90 -> ROTATE_90_CLOCKWISE;
      case CLOCKWISE_180 -> ROTATE_180;
      case CLOCKWISE_270 -> ROTATE_90_COUNTERCLOCKWISE;
      case NONE -> throw new IllegalArgumentException("no rotation");
    };
  }

  private static byte[] encodeJpeg(Mat image, int quality) {
    try (BytePointer out = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
      if (!imencode(".jpg", image, out, params)) {
        throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
            + " frame as JPEG");
      }
      byte[] jpeg = new byte[(int) out.limit()];
      out.get(jpeg);
      return jpeg;
    }
  }
}
