package io.screenalytics.vision.image;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Decodes JPEG frames into BGR with FFmpeg's MJPEG decoder (SIMD IDCT) and swscale, for the frames the decoder
 * service publishes. {@link ImageOps#decode} does the same through OpenCV, whose libjpeg-turbo in JavaCV 1.5.12 is
 * built without SIMD: measured on this machine kind, one thread, a 1280x720 frame at quality 90, about 7 ms there
 * against about 3.5 ms here ({@code bench/run decode}, column "decode ms"). EXIF orientation is not applied (the
 * decoder's frames carry none); photos go through {@link ImageOps#decode}.
 *
 * <p>Owns one native decoder context, a packet buffer and a {@link PictureConverter}, freed by {@link #close()};
 * not thread-safe: one per worker.
 */
public final class JpegDecoder implements AutoCloseable {

  private final AVCodecContext context;
  private final AVPacket packet;
  private final AVFrame picture;
  private final PictureConverter converter = new PictureConverter();
  /** A second context for the reduced picture, so that the two sizes do not rebuild one context per frame. */
  private final PictureConverter reducer = new PictureConverter();
  private BytePointer buffer;
  private long bufferBytes;

  /**
   * @throws IllegalStateException if this FFmpeg build has no MJPEG decoder or it cannot be opened
   */
  public JpegDecoder() {
    AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
    if (codec == null || codec.isNull()) {
      throw new IllegalStateException("this FFmpeg build has no MJPEG decoder");
    }
    context = avcodec_alloc_context3(codec);
    context.thread_count(1);
    int opened = avcodec_open2(context, codec, (AVDictionary) null);
    if (opened < 0) {
      avcodec_free_context(context);
      throw new IllegalStateException("FFmpeg could not open its MJPEG decoder (" + opened + ")");
    }
    packet = av_packet_alloc();
    picture = av_frame_alloc();
  }

  /**
   * A decoded JPEG at two sizes, both converted from the decoded YUV planes by swscale.
   *
   * @param full    the picture at its own size, packed BGR24
   * @param reduced the picture scaled to fit a long side ({@link ImageOps#sizeWithin}) with area averaging, packed
   *                BGR24; the same instance as {@code full} when the picture already fits
   */
  public record Pictures(BgrImage full, BgrImage reduced) {
  }

  /**
   * Decodes one JPEG.
   *
   * @param jpeg a baseline or progressive JPEG (any chroma subsampling FFmpeg reads)
   * @return the picture as packed BGR24 at its own size
   * @throws IllegalArgumentException when the bytes are not a decodable JPEG
   */
  public BgrImage decode(byte[] jpeg) {
    return decode(jpeg, 0).full();
  }

  /**
   * Decodes one JPEG into its full picture and, from the same decoded planes, a picture fitted within
   * {@code maxLongSide} (for a detector: cheaper than scaling the full BGR picture afterwards, one swscale pass
   * from YUV at the reduced size).
   *
   * @param jpeg        a baseline or progressive JPEG (any chroma subsampling FFmpeg reads)
   * @param maxLongSide the reduced picture's longest side at most, pixels; 0 or more than the picture's own: the
   *                    reduced picture is the full one
   * @return both pictures
   * @throws IllegalArgumentException when the bytes are not a decodable JPEG, or {@code maxLongSide} is negative
   */
  public Pictures decode(byte[] jpeg, int maxLongSide) {
    if (maxLongSide < 0) {
      throw new IllegalArgumentException("maxLongSide must be >= 0, was " + maxLongSide);
    }
    if (!isJpeg(jpeg)) {
      throw new IllegalArgumentException("Cannot decode " + (jpeg == null ? 0 : jpeg.length)
          + " bytes as a JPEG: no start-of-image marker");
    }
    ensureBuffer(jpeg.length + (long) AV_INPUT_BUFFER_PADDING_SIZE);
    buffer.position(0).put(jpeg, 0, jpeg.length);
    for (int i = 0; i < AV_INPUT_BUFFER_PADDING_SIZE; i++) {
      buffer.put(jpeg.length + i, (byte) 0);
    }
    packet.data(buffer);
    packet.size(jpeg.length);
    try {
      int sent = avcodec_send_packet(context, packet);
      int received = sent < 0 ? sent : avcodec_receive_frame(context, picture);
      if (received < 0 || picture.width() <= 0 || picture.height() <= 0) {
        throw new IllegalArgumentException("Cannot decode " + jpeg.length + " bytes as a JPEG (FFmpeg error "
            + received + ")");
      }
      int width = picture.width();
      int height = picture.height();
      try {
        BgrImage full = new BgrImage(width, height, converter.convert(picture, width, height, PixelFormat.BGR24));
        if (maxLongSide == 0 || Math.max(width, height) <= maxLongSide) {
          return new Pictures(full, full);
        }
        int[] size = ImageOps.sizeWithin(width, height, maxLongSide);
        return new Pictures(full, new BgrImage(size[0], size[1],
            reducer.convert(picture, size[0], size[1], PixelFormat.BGR24)));
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("Cannot convert a decoded " + width + "x" + height + " JPEG to BGR: "
            + e.getMessage(), e);
      }
    } catch (IllegalArgumentException e) {
      avcodec_flush_buffers(context);
      throw e;
    } finally {
      packet.data(null);
      packet.size(0);
      av_frame_unref(picture);
    }
  }

  /** Whether {@code bytes} start with a JPEG start-of-image marker ({@code FF D8}) and hold at least 4 bytes. */
  public static boolean isJpeg(byte[] bytes) {
    return bytes != null && bytes.length >= 4 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
  }

  private void ensureBuffer(long bytes) {
    if (buffer != null && bufferBytes >= bytes) {
      return;
    }
    if (buffer != null) {
      av_free(buffer.position(0));
    }
    buffer = new BytePointer(av_malloc(bytes)).capacity(bytes);
    if (buffer.isNull()) {
      buffer = null;
      bufferBytes = 0;
      throw new IllegalStateException("cannot allocate " + bytes + " bytes for a JPEG");
    }
    bufferBytes = bytes;
  }

  @Override
  public void close() {
    AVFrame f = picture;
    av_frame_free(f);
    AVPacket p = packet;
    av_packet_free(p);
    avcodec_free_context(context);
    converter.close();
    reducer.close();
    if (buffer != null) {
      av_free(buffer.position(0));
      buffer = null;
    }
  }
}
