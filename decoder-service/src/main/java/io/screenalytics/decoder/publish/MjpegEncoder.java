package io.screenalytics.decoder.publish;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import io.screenalytics.vision.image.PixelFormat;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Baseline JPEG encoding of full-range YUV 4:2:0 planes with FFmpeg's MJPEG encoder, quantised exactly as libjpeg
 * quantises at a given quality: the encoder is given the Annex K tables scaled by libjpeg's quality formula as
 * its intra matrices (FFmpeg folds its {@code qscale} into the written tables, so a fixed qscale of 8 leaves them
 * as given), standard Huffman tables (one pass; FFmpeg's optimal tables take a second pass for about 4 % fewer
 * bytes).
 *
 * <p>Why FFmpeg and not OpenCV's {@code imencode}: the OpenCV that JavaCV 1.5.12 ships builds its libjpeg-turbo
 * without SIMD ({@code getBuildInformation}: "SIMD Support Request: NO"); FFmpeg's encoder has SIMD DCT and
 * quantisation and takes the decoder's YUV without a BGR round trip. Measured on this machine kind, one thread,
 * a 1280x720 frame: OpenCV 14 ms from BGR, this encoder 4-5 ms from YUV ({@code bench/run decode}).
 *
 * <p>Owns one native encoder context, reopened when the picture size changes; not thread-safe. Its DC
 * coefficients are quantised by 8 (FFmpeg's MJPEG encoder has no finer DC precision), where libjpeg at quality 90
 * uses 3: at most 4 levels of error in a block's mean, below what JPEG's AC quantisation already costs there.
 */
final class MjpegEncoder implements AutoCloseable {

  /** ITU-T T.81 Annex K.1 luminance quantisation table, natural (row-major) order; the quality-50 table. */
  static final int[] LUMA_TABLE = {
      16, 11, 10, 16, 24, 40, 51, 61,
      12, 12, 14, 19, 26, 58, 60, 55,
      14, 13, 16, 24, 40, 57, 69, 56,
      14, 17, 22, 29, 51, 87, 80, 62,
      18, 22, 37, 56, 68, 109, 103, 77,
      24, 35, 55, 64, 81, 104, 113, 92,
      49, 64, 78, 87, 103, 121, 120, 101,
      72, 92, 95, 98, 112, 100, 103, 99};
  /** ITU-T T.81 Annex K.2 chrominance quantisation table, natural order. */
  static final int[] CHROMA_TABLE = {
      17, 18, 24, 47, 99, 99, 99, 99,
      18, 21, 26, 66, 99, 99, 99, 99,
      24, 26, 56, 99, 99, 99, 99, 99,
      47, 66, 99, 99, 99, 99, 99, 99,
      99, 99, 99, 99, 99, 99, 99, 99,
      99, 99, 99, 99, 99, 99, 99, 99,
      99, 99, 99, 99, 99, 99, 99, 99,
      99, 99, 99, 99, 99, 99, 99, 99};
  /** FFmpeg's qscale at which its MJPEG encoder writes the intra matrices unchanged ({@code (m * qscale) >> 3}). */
  private static final int IDENTITY_QSCALE = 8;

  private final int quality;
  private AVCodecContext context;
  private AVFrame picture;
  private AVPacket packet;
  private int width;
  private int height;
  private long pts;

  /**
   * @param quality JPEG quality as libjpeg defines it, 1..100
   * @throws IllegalArgumentException if {@code quality} is out of range
   */
  MjpegEncoder(int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("quality must be in 1..100, was " + quality);
    }
    this.quality = quality;
  }

  /**
   * A table scaled as libjpeg's {@code jpeg_set_quality} scales it with {@code force_baseline}: factor
   * {@code 5000 / q} below 50, else {@code 200 - 2q} percent, each entry rounded and clamped to 1..255.
   *
   * @return 64 entries, natural order
   */
  static int[] scaledTable(int[] base, int quality) {
    int factor = quality < 50 ? 5000 / quality : 200 - quality * 2;
    int[] table = new int[64];
    for (int i = 0; i < 64; i++) {
      table[i] = Math.max(1, Math.min(255, (base[i] * factor + 50) / 100));
    }
    return table;
  }

  /**
   * Encodes one picture.
   *
   * @param yuv full-range planar YUV 4:2:0 ({@link PixelFormat#YUVJ420P}), {@code PixelFormat.YUVJ420P.bytes(width,
   *     height)} bytes
   * @param width width in pixels
   * @param height height in pixels
   * @return a baseline JFIF JPEG
   * @throws IllegalStateException if FFmpeg cannot open the encoder or encode the picture
   * @throws IllegalArgumentException if the array does not hold a {@code width x height} picture
   */
  byte[] encode(byte[] yuv, int width, int height) {
    if (yuv.length != PixelFormat.YUVJ420P.bytes(width, height)) {
      throw new IllegalArgumentException("expected " + PixelFormat.YUVJ420P.bytes(width, height)
          + " bytes of YUVJ420P for " + width + "x" + height + ", got " + yuv.length);
    }
    if (context == null || width != this.width || height != this.height) {
      open(width, height);
    }
    if (av_frame_make_writable(picture) < 0) {
      throw new IllegalStateException("FFmpeg could not make the " + width + "x" + height + " picture writable");
    }
    int chromaWidth = PixelFormat.chromaSide(width);
    int chromaHeight = PixelFormat.chromaSide(height);
    int at = 0;
    for (int p = 0; p < 3; p++) {
      int rowBytes = p == 0 ? width : chromaWidth;
      int rows = p == 0 ? height : chromaHeight;
      BytePointer plane = picture.data(p);
      int stride = picture.linesize(p);
      for (int y = 0; y < rows; y++) {
        plane.position((long) y * stride).put(yuv, at, rowBytes);
        at += rowBytes;
      }
      plane.position(0);
    }
    picture.pts(pts++);
    picture.quality(IDENTITY_QSCALE * FF_QP2LAMBDA);
    int sent = avcodec_send_frame(context, picture);
    if (sent < 0) {
      throw new IllegalStateException("FFmpeg's MJPEG encoder refused a " + width + "x" + height + " picture ("
          + sent + ")");
    }
    int received = avcodec_receive_packet(context, packet);
    if (received < 0) {
      throw new IllegalStateException("FFmpeg's MJPEG encoder returned no JPEG for a " + width + "x" + height
          + " picture (" + received + ")");
    }
    try {
      byte[] jpeg = new byte[packet.size()];
      packet.data().get(jpeg);
      return jpeg;
    } finally {
      av_packet_unref(packet);
    }
  }

  private void open(int width, int height) {
    close();
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (codec == null || codec.isNull()) {
      throw new IllegalStateException("this FFmpeg build has no MJPEG encoder");
    }
    context = avcodec_alloc_context3(codec);
    context.width(width);
    context.height(height);
    context.pix_fmt(AV_PIX_FMT_YUVJ420P);
    context.time_base(av_make_q(1, 25));
    context.thread_count(1);
    context.flags(context.flags() | AV_CODEC_FLAG_QSCALE);
    context.global_quality(IDENTITY_QSCALE * FF_QP2LAMBDA);
    context.intra_matrix(matrix(scaledTable(LUMA_TABLE, quality)));
    context.chroma_intra_matrix(matrix(scaledTable(CHROMA_TABLE, quality)));
    av_opt_set(context.priv_data(), "huffman", "default", 0);
    int opened = avcodec_open2(context, codec, (AVDictionary) null);
    if (opened < 0) {
      close();
      throw new IllegalStateException("FFmpeg could not open its MJPEG encoder for " + width + "x" + height
          + " (" + opened + ")");
    }
    picture = av_frame_alloc();
    picture.format(AV_PIX_FMT_YUVJ420P);
    picture.width(width);
    picture.height(height);
    if (av_frame_get_buffer(picture, 0) < 0) {
      close();
      throw new IllegalStateException("FFmpeg could not allocate a " + width + "x" + height + " picture");
    }
    packet = av_packet_alloc();
    this.width = width;
    this.height = height;
  }

  /** A 64-entry matrix in FFmpeg's memory, which {@code avcodec_free_context} frees. */
  private static ShortPointer matrix(int[] table) {
    ShortPointer matrix = new ShortPointer(av_malloc(64 * 2)).capacity(64);
    for (int i = 0; i < 64; i++) {
      matrix.put(i, (short) table[i]);
    }
    return matrix;
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (picture != null) {
      av_frame_free(picture);
      picture = null;
    }
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
    width = 0;
    height = 0;
  }
}
