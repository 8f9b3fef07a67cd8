package io.screenalytics.bench.decode;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.vision.image.PixelFormat;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.decoder.publish.EncodedFrame;
import io.screenalytics.decoder.publish.FrameEncoder;
import io.screenalytics.decoder.publish.Rotation;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.image.JpegDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What publishing a frame costs at a long-side cap and JPEG quality, from BGR or from YUV: converting the decoded
 * picture at that size (swscale), the decoder's own {@link FrameEncoder} (from BGR: copy into OpenCV, scaling if
 * the frame is still larger, OpenCV's JPEG encoding; from YUV: FFmpeg's MJPEG encoder on the planes) per frame, the size of the result, and the JPEG decoding the detect-track service then
 * pays ({@link JpegDecoder}; OpenCV's {@link ImageOps#decode} beside it). Single-threaded (the caller limits OpenCV to
 * one thread), timed in CPU time of the calling thread so that other load on the machine does not count.
 */
public final class PublishCost {

  /**
   * Cost at one setting.
   *
   * @param maxLongSide long-side cap in pixels, 0 for source size
   * @param quality JPEG quality
   * @param width published width, pixels
   * @param height published height, pixels
   * @param encodeMs mean CPU milliseconds per frame in the decoder (scale + encode)
   * @param kilobytes mean encoded size, KiB
   * @param decodeMs mean CPU milliseconds to decode the JPEG downstream as detect-track does ({@link JpegDecoder})
   * @param openCvDecodeMs the same with OpenCV's {@code imdecode} ({@link ImageOps#decode}), as before
   */
  public record Cost(int maxLongSide, int quality, int width, int height, double encodeMs, double kilobytes,
      double decodeMs, double openCvDecodeMs) {
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private PublishCost() {
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /**
   * Reads {@code count} frames spread over the video (kept in memory, BGR), scaled by the decoder to a long-side
   * cap (0: source size).
   */
  public static List<DecodedFrame> sampleFrames(Path video, int totalFrames, int count, int maxLongSide) {
    return sampleFrames(video, totalFrames, count, maxLongSide, PixelFormat.BGR24);
  }

  /** As {@link #sampleFrames(Path, int, int, int)}, frames in {@code format}. */
  public static List<DecodedFrame> sampleFrames(Path video, int totalFrames, int count, int maxLongSide,
      PixelFormat format) {
    List<DecodedFrame> frames = new ArrayList<>();
    int stride = Math.max(1, totalFrames / count);
    try (FrameSampler sampler = FrameSampler.open(video.toString(),
        new DecodeSettings(stride, SamplingPolicy.EXACT_STRIDE, 1, maxLongSide, "none", format))) {
      while (sampler.hasNext() && frames.size() < count) {
        frames.add(sampler.next());
      }
    }
    return frames;
  }

  /**
   * CPU milliseconds the decoder spends converting one decoded picture of {@code clip} to BGR at a long-side cap
   * (swscale; scaling included): a pass converting every frame less a pass converting one, per frame, best of
   * three.
   */
  public static double conversionMs(Path clip, int maxLongSide, PixelFormat format) {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long t0 = cpu();
      int converted = drain(clip, 1, maxLongSide, format);
      long t1 = cpu();
      drain(clip, Integer.MAX_VALUE / 2, maxLongSide, format);
      long t2 = cpu();
      best = Math.min(best, ((t1 - t0) - (t2 - t1)) / 1e6 / (converted - 1));
    }
    return best;
  }

  private static int drain(Path clip, int stride, int maxLongSide, PixelFormat format) {
    int n = 0;
    try (FrameSampler sampler = FrameSampler.open(clip.toString(),
        new DecodeSettings(stride, SamplingPolicy.EXACT_STRIDE, 1, maxLongSide, "none", format))) {
      while (sampler.hasNext()) {
        sampler.next();
        n++;
      }
    }
    return n;
  }

  /** How a row names the publishing path of frames in {@code format}: {@code bgr} or {@code yuv}. */
  public static String label(PixelFormat format) {
    return format == PixelFormat.BGR24 ? "bgr" : "yuv";
  }

  /** Measures one setting over {@code frames} (after one warm-up frame). */
  public static Cost measure(List<DecodedFrame> frames, int maxLongSide, int quality) {
    try (FrameEncoder encoder = new FrameEncoder(maxLongSide, quality)) {
      return measure(frames, encoder);
    }
  }

  private static Cost measure(List<DecodedFrame> frames, FrameEncoder encoder) {
    try (JpegDecoder jpeg = new JpegDecoder()) {
      return measure(frames, encoder, jpeg);
    }
  }

  private static Cost measure(List<DecodedFrame> frames, FrameEncoder encoder, JpegDecoder jpeg) {
    ImageOps.decode(encoder.encode(frames.get(0), Rotation.NONE).jpeg()); // warm-up
    jpeg.decode(encoder.encode(frames.get(0), Rotation.NONE).jpeg());
    long encodeNanos = 0;
    long decodeNanos = 0;
    long openCvNanos = 0;
    long bytes = 0;
    EncodedFrame last = null;
    for (DecodedFrame f : frames) {
      long t0 = cpu();
      last = encoder.encode(f, Rotation.NONE);
      long t1 = cpu();
      jpeg.decode(last.jpeg());
      long t2 = cpu();
      ImageOps.decode(last.jpeg());
      long t3 = cpu();
      encodeNanos += t1 - t0;
      decodeNanos += t2 - t1;
      openCvNanos += t3 - t2;
      bytes += last.jpeg().length;
    }
    int n = frames.size();
    return new Cost(encoder.maxLongSide(), encoder.jpegQuality(), last.width(), last.height(), encodeNanos / 1e6 / n, bytes / 1024.0 / n,
        decodeNanos / 1e6 / n, openCvNanos / 1e6 / n);
  }

  /** CPU milliseconds to turn one frame upright (90 degrees) at a cap, on top of encoding: mean over frames. */
  public static double rotationExtraMs(List<DecodedFrame> frames, int maxLongSide, int quality) {
    try (FrameEncoder encoder = new FrameEncoder(maxLongSide, quality)) {
      return rotationExtraMs(frames, encoder);
    }
  }

  private static double rotationExtraMs(List<DecodedFrame> frames, FrameEncoder encoder) {
    encoder.encode(frames.get(0), Rotation.CLOCKWISE_90);
    long plain = 0;
    long turned = 0;
    for (DecodedFrame f : frames) {
      long t0 = cpu();
      encoder.encode(f, Rotation.NONE);
      long t1 = cpu();
      encoder.encode(f, Rotation.CLOCKWISE_90);
      turned += cpu() - t1;
      plain += t1 - t0;
    }
    return (turned - plain) / 1e6 / frames.size();
  }
}
