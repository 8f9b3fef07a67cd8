package io.screenalytics.video.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Video fixtures made inside the tests with JavaCV's recorder (Bytedeco's FFmpeg encodes MPEG-4 Part 2, not
 * H.264), plus byte-level copies of real footage (truncated, corrupted, remuxed).
 */
public final class TestVideos {

  public static final int BIT_BLOCKS = 8;

  private TestVideos() {
  }

  /** How to encode a synthetic clip. */
  public record Spec(String format, int width, int height, double fps, int frames, int maxBFrames,
      double displayRotation) {
    public static Spec mp4(int width, int height, double fps, int frames) {
      return new Spec("mp4", width, height, fps, frames, 0, 0);
    }

    public Spec withBFrames(int count) {
      return new Spec(format, width, height, fps, frames, count, displayRotation);
    }

    /** Display rotation in degrees, as JavaCV's recorder takes it (ffprobe then reports the same number). */
    public Spec withRotation(double degrees) {
      return new Spec(format, width, height, fps, frames, maxBFrames, degrees);
    }

    public Spec as(String containerFormat) {
      return new Spec(containerFormat, width, height, fps, frames, maxBFrames, displayRotation);
    }
  }

  /** Encodes {@code spec.frames()} frames, drawn by {@code drawBgr} (packed BGR24), with MPEG-4 Part 2. */
  public static Path encode(Path out, Spec spec, IntFunction<byte[]> drawBgr) throws Exception {
    FfmpegLog.install(); // keeps the recorder from dumping its stream layout to stderr
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), spec.width(), spec.height())) {
      recorder.setFormat(spec.format());
      recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(spec.fps());
      recorder.setVideoBitrate(4_000_000);
      recorder.setGopSize(30);
      if (spec.maxBFrames() > 0) {
        recorder.setMaxBFrames(spec.maxBFrames());
      }
      if (spec.displayRotation() != 0) {
        recorder.setDisplayRotation(spec.displayRotation());
      }
      recorder.start();
      try (Frame frame = new Frame(spec.width(), spec.height(), Frame.DEPTH_UBYTE, 3)) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        for (int i = 0; i < spec.frames(); i++) {
          byte[] bgr = drawBgr.apply(i);
          for (int y = 0; y < spec.height(); y++) {
            pixels.position(y * frame.imageStride);
            pixels.put(bgr, y * spec.width() * 3, spec.width() * 3);
          }
          pixels.position(0);
          recorder.record(frame, AV_PIX_FMT_BGR24);
        }
      }
      recorder.stop();
    }
    return out;
  }

  /** A frame of one flat colour. */
  public static byte[] flat(int width, int height, int blue, int green, int red) {
    byte[] bgr = new byte[width * height * 3];
    for (int i = 0; i < bgr.length; i += 3) {
      bgr[i] = (byte) blue;
      bgr[i + 1] = (byte) green;
      bgr[i + 2] = (byte) red;
    }
    return bgr;
  }

  /**
   * A grey frame whose index is written as {@link #BIT_BLOCKS} black/white blocks across its middle
   * (most significant bit first), big enough to survive lossy coding.
   */
  public static byte[] indexPattern(int width, int height, int index) {
    byte[] bgr = flat(width, height, 128, 128, 128);
    int blockWidth = width / BIT_BLOCKS;
    for (int bit = 0; bit < BIT_BLOCKS; bit++) {
      byte value = (byte) (((index >> (BIT_BLOCKS - 1 - bit)) & 1) == 1 ? 235 : 16);
      for (int y = height / 4; y < height * 3 / 4; y++) {
        int start = (y * width + bit * blockWidth) * 3;
        Arrays.fill(bgr, start, start + blockWidth * 3, value);
      }
    }
    return bgr;
  }

  /** Reads back the index drawn by {@link #indexPattern}. */
  public static int readIndexPattern(DecodedFrame frame) {
    byte[] bgr = frame.bgrCopy();
    int blockWidth = frame.width() / BIT_BLOCKS;
    int y = frame.height() / 2;
    int index = 0;
    for (int bit = 0; bit < BIT_BLOCKS; bit++) {
      int x = bit * blockWidth + blockWidth / 2;
      int green = bgr[(y * frame.width() + x) * 3 + 1] & 0xff;
      index = (index << 1) | (green > 128 ? 1 : 0);
    }
    return index;
  }

  /** Copies the first {@code fraction} of a file's bytes. */
  public static Path truncatedCopy(Path source, Path out, double fraction) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    return Files.write(out, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
  }

  /** Copies a file with {@code length} bytes from {@code offset} overwritten by seeded noise. */
  public static Path corruptedCopy(Path source, Path out, int offset, int length, long seed) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    byte[] noise = new byte[length];
    new java.util.Random(seed).nextBytes(noise);
    System.arraycopy(noise, 0, bytes, offset, length);
    return Files.write(out, bytes);
  }

  /** Remuxes an MP4 (no re-encoding) with its index in front ({@code movflags=faststart}). */
  public static Path remuxFaststart(Path source, Path out) throws Exception {
    FfmpegLog.install();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
      grabber.start();
      try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), grabber.getImageWidth(),
          grabber.getImageHeight(), grabber.getAudioChannels())) {
        recorder.setFormat("mp4");
        recorder.setOption("movflags", "faststart");
        recorder.setFrameRate(grabber.getVideoFrameRate());
        recorder.setVideoCodec(grabber.getVideoCodec());
        recorder.setAudioCodec(grabber.getAudioCodec());
        recorder.setSampleRate(grabber.getSampleRate());
        recorder.start(grabber.getFormatContext());
        for (AVPacket packet = grabber.grabPacket(); packet != null; packet = grabber.grabPacket()) {
          recorder.recordPacket(packet);
        }
        recorder.stop();
      }
    }
    return out;
  }
}
