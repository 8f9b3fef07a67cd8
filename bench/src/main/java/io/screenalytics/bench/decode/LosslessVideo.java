package io.screenalytics.bench.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FFV1;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.vision.image.PixelFormat;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.vision.image.BgrImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Still images as a lossless video (FFV1 in Matroska, 4:2:0 like broadcast sources) so they can go through the
 * decoder's own decoding and scaling, and back.
 */
final class LosslessVideo {

  private LosslessVideo() {
  }

  /** Writes same-sized images as consecutive frames at 25 fps. */
  static Path write(List<BgrImage> images, Path file) throws Exception {
    Files.createDirectories(file.getParent());
    int width = images.get(0).width();
    int height = images.get(0).height();
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
        Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3)) {
      recorder.setFormat("matroska");
      recorder.setVideoCodec(AV_CODEC_ID_FFV1);
      recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(25);
      recorder.start();
      ByteBuffer pixels = (ByteBuffer) frame.image[0];
      for (BgrImage image : images) {
        for (int y = 0; y < height; y++) {
          pixels.position(y * frame.imageStride);
          pixels.put(image.bgr(), y * width * 3, width * 3);
        }
        pixels.position(0);
        recorder.record(frame, AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    }
    return file;
  }

  /** Every frame, decoded by the decoder with a long-side cap (0: source size). */
  static List<DecodedFrame> read(Path file, int maxLongSide) {
    return read(file, maxLongSide, PixelFormat.BGR24);
  }

  /** As {@link #read(Path, int)}, frames in {@code format}. */
  static List<DecodedFrame> read(Path file, int maxLongSide, PixelFormat format) {
    List<DecodedFrame> frames = new ArrayList<>();
    try (FrameSampler sampler = FrameSampler.open(file.toString(),
        new DecodeSettings(1, SamplingPolicy.EXACT_STRIDE, 1, maxLongSide, "none", format))) {
      sampler.forEachRemaining(frames::add);
    }
    return frames;
  }
}
