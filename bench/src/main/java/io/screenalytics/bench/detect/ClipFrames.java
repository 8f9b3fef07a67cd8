package io.screenalytics.bench.detect;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.video.decode.SceneCutDetector;
import io.screenalytics.video.decode.VideoInfo;
import io.screenalytics.schemas.Frame;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real clip sampled as the decoder service samples it by default (every 6th frame, exact stride, scene cuts
 * from the decoder's own {@link SceneCutDetector} at its defaults, JPEG quality 90), as {@link Frame} records and
 * as decoded images.
 *
 * @param name   short name for reports
 * @param frames the {@code Frame} records, the last one flagged {@code is_last}
 * @param images the sampled images, one per frame
 * @param fps    the source frame rate
 */
public record ClipFrames(String name, List<Frame> frames, List<BgrImage> images, double fps) {

  /** The decoder's default stride. */
  public static final int DEFAULT_STRIDE = 6;

  /**
   * Samples {@code video} every {@code stride}-th frame.
   *
   * @throws io.screenalytics.video.decode.VideoDecodeException when the file cannot be decoded
   */
  public static ClipFrames sample(String name, Path video, int stride) {
    List<Frame> frames = new ArrayList<>();
    List<BgrImage> images = new ArrayList<>();
    SceneCutDetector cuts = new SceneCutDetector();
    double fps;
    try (FrameSampler sampler = FrameSampler.open(video.toString(), DecodeSettings.of(stride, 1)).detectCuts(cuts)) {
      VideoInfo info = sampler.info();
      fps = info.fps();
      while (sampler.hasNext()) {
        DecodedFrame df = sampler.next();
        boolean cut = !cuts.takeCutsThrough(df.frameIdx()).isEmpty();
        BgrImage image = new BgrImage(df.width(), df.height(), df.bgrCopy());
        images.add(image);
        frames.add(Frame.newBuilder()
            .setEpisodeId(name).setFrameIdx(df.frameIdx()).setTs(df.tsSeconds())
            .setWidth(df.width()).setHeight(df.height()).setSourceWidth(df.width()).setSourceHeight(df.height())
            .setImage(ByteBuffer.wrap(ImageOps.encodeJpeg(image, 90)))
            .setSceneCut(cut).setIsLast(false).setFps(fps).setStride(stride)
            .build());
      }
    }
    Frame last = frames.get(frames.size() - 1);
    last.setIsLast(true);
    last.setFramesPublished(frames.size());
    last.setDurationS(last.getTs() + stride / fps);
    return new ClipFrames(name, List.copyOf(frames), List.copyOf(images), fps);
  }

  /** Number of frames flagged as scene cuts. */
  public long sceneCuts() {
    return frames.stream().filter(Frame::getSceneCut).count();
  }
}
