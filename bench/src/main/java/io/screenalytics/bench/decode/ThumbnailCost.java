package io.screenalytics.bench.decode;

import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.video.decode.Thumbnail;
import io.screenalytics.vision.image.PictureConverter;
import io.screenalytics.vision.image.PixelFormat;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The scene-cut thumbnail's cost, side by side on the same decoded pictures: swscale's area averaging of every
 * source row against the row step the decoder uses ({@link Thumbnail#ROWS_PER_ROW} = 4 source rows per thumbnail
 * row, {@link PictureConverter#convert(AVFrame, int, int, PixelFormat, int)}), alternating which goes first, CPU of
 * the calling thread per picture, and how far apart their pixels are (mean absolute difference, gray levels).
 */
public final class ThumbnailCost {

  private ThumbnailCost() {}

  /**
   * @param everyRowMs CPU ms a picture reading every source row
   * @param steppedMs CPU ms a picture with the row step
   * @param meanAbsDiff mean absolute difference of their bytes, gray levels
   * @param count pictures measured
   * @param rowStep the step used for this video's size
   */
  public record Result(double everyRowMs, double steppedMs, double meanAbsDiff, int count, int rowStep) {}

  /**
   * Decodes up to {@code maxPictures} pictures of {@code video} (one thread, native pixel format) and times both.
   *
   * @throws FrameGrabber.Exception if the video cannot be opened or decoded
   */
  public static Result measure(Path video, int maxPictures) throws FrameGrabber.Exception {
    long everyRow = 0;
    long stepped = 0;
    double diff = 0;
    long pixels = 0;
    int n = 0;
    int step = 1;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        PictureConverter a = new PictureConverter(); PictureConverter b = new PictureConverter()) {
      grabber.setVideoOption("threads", "1");
      grabber.setImageMode(FrameGrabber.ImageMode.RAW);
      grabber.start();
      Frame f;
      while (n < maxPictures && (f = grabber.grabImage()) != null) {
        if (!(f.opaque instanceof AVFrame picture)) {
          throw new IllegalStateException("JavaCV gave no raw AVFrame for " + video);
        }
        int[] size = Thumbnail.size(picture.width(), picture.height());
        int tw = size[0];
        int th = size[1];
        step = Thumbnail.rowStep(picture.height(), th);
        byte[] x;
        byte[] y;
        if (n % 2 == 0) {
          long c0 = StageCpu.threadNanos();
          x = a.convert(picture, tw, th, PixelFormat.YUVJ420P);
          long c1 = StageCpu.threadNanos();
          y = b.convert(picture, tw, th, PixelFormat.YUVJ420P, step);
          long c2 = StageCpu.threadNanos();
          everyRow += c1 - c0;
          stepped += c2 - c1;
        } else {
          long c0 = StageCpu.threadNanos();
          y = b.convert(picture, tw, th, PixelFormat.YUVJ420P, step);
          long c1 = StageCpu.threadNanos();
          x = a.convert(picture, tw, th, PixelFormat.YUVJ420P);
          long c2 = StageCpu.threadNanos();
          stepped += c1 - c0;
          everyRow += c2 - c1;
        }
        for (int i = 0; i < x.length; i++) {
          diff += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        pixels += x.length;
        n++;
      }
      grabber.stop();
    }
    return new Result(everyRow / 1e6 / Math.max(1, n), stepped / 1e6 / Math.max(1, n),
        pixels == 0 ? 0 : diff / pixels, n, step);
  }
}
