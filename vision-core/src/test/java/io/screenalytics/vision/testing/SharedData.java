package io.screenalytics.vision.testing;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.image.OpenCvMats;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The real models, photos and footage of {@code ../shared}: the directory in the system property
 * {@code screenalytics.shared} (set by the parent pom), else {@code ../shared}. Missing data fails the test.
 */
public final class SharedData {

  /** Two intra-op threads: the machine's core count. */
  public static final SessionSettings SESSION = SessionSettings.cpu(2);

  private SharedData() {
  }

  /** The shared directory, checked to exist. */
  public static Path root() {
    String prop = System.getProperty("screenalytics.shared");
    Path dir = prop == null || prop.isBlank() ? Paths.get("..", "shared") : Paths.get(prop);
    if (!Files.isDirectory(dir.resolve("models"))) {
      throw new AssertionError("Shared test data not found at " + dir.toAbsolutePath()
          + " (set -Dscreenalytics.shared=<dir holding models/, faces/, media/>)");
    }
    return dir.toAbsolutePath().normalize();
  }

  /** A locator on {@code shared/models}. */
  public static ModelLocator models() {
    return ModelLocator.at(root().resolve("models"));
  }

  /** A file under {@code shared/}, checked to exist. */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.isRegularFile(p)) throw new AssertionError("Shared test file missing: " + p);
    return p;
  }

  /** A decoded photo under {@code shared/}. */
  public static BgrImage photo(String relative) {
    return ImageOps.read(file(relative));
  }

  /**
   * Decoded video frames (copied out of JavaCV's reused buffers).
   *
   * @param every keep frames 0, every, 2 * every, ...
   * @param max   stop after this many kept frames
   */
  public static List<BgrImage> frames(String relative, int every, int max) {
    List<BgrImage> out = new ArrayList<>();
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file(relative).toFile());
    grabber.setVideoOption("threads", "1");
    try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      grabber.start();
      int index = 0;
      for (Frame f; out.size() < max && (f = grabber.grabImage()) != null; index++) {
        if (index % every != 0) continue;
        Mat mat = converter.convert(f);
        out.add(OpenCvMats.fromMat(mat));
      }
    } catch (FrameGrabber.Exception e) {
      throw new AssertionError("Cannot decode " + relative + ": " + e.getMessage(), e);
    } finally {
      try {
        grabber.close();
      } catch (FrameGrabber.Exception e) {
        throw new AssertionError("Cannot close the grabber of " + relative, e);
      }
    }
    return out;
  }
}
