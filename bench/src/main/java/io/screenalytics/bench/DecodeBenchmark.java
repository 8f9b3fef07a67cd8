package io.screenalytics.bench;

import io.screenalytics.bench.decode.BenchVideo;
import io.screenalytics.bench.decode.CropFidelity;
import io.screenalytics.bench.decode.DecodeThroughput;
import io.screenalytics.bench.decode.DecodeThroughput.Pass;
import io.screenalytics.bench.decode.DecodeThroughput.Variant;
import io.screenalytics.bench.decode.PublishCost;
import io.screenalytics.bench.decode.SamplingCheck;
import io.screenalytics.bench.decode.ThumbnailCost;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.vision.image.PixelFormat;
import io.screenalytics.vision.image.ImageOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/run decode [rounds] [stride]}: what the decoder's choices cost, measured side by side in one run
 * on a generated 60 s 1080p H.264 file (see {@link BenchVideo}), one decoder thread throughout.
 *
 * <ol>
 *   <li>Source frames per second (1800 / wall seconds, median of {@code rounds} interleaved passes, and per
 *       CPU second) for decode-all, {@code exact_stride}, {@code fast_stride} ({@code skip_frame=noref}),
 *       {@code skip_frame=bidir} and the ffmpeg CLI, as ratios to decode-all;</li>
 *   <li>which frames each sampling policy publishes (count, distance from the stride points);</li>
 *   <li>the CPU cost of publishing a frame per long-side cap and JPEG quality (BGR conversion with scaling in
 *       swscale, JPEG encoding, size, JPEG decoding downstream; OpenCV scaling for comparison) and of turning
 *       it upright;</li>
 *   <li>the embedding fidelity of face crops aligned from the published image, for a 90 px face in a 1080p
 *       source (see {@link CropFidelity}).</li>
 * </ol>
 */
public final class DecodeBenchmark {

  private static final int[] CAPS = {0, 1280, 960, 640};
  private static final int[] QUALITIES = {80, 85, 90, 95};

  private DecodeBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    quietLogging();
    int rounds = Math.max(1, args.length > 0 ? Integer.parseInt(args[0]) : 3);
    int stride = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    Path clip = shared.resolve("media/video/facenet_pytorch_video.mp4");
    BenchVideo video = BenchVideo.ensure(benchTarget().resolve("decode-bench"), clip);
    System.out.printf("decode benchmark: %s, 1920x1080 H.264 %d fps, %d frames, %.0f %% B-frames; stride %d;"
            + " %d rounds; load average %s%n", video.file().getFileName(), BenchVideo.FPS, video.frames(),
        100.0 * video.bFrames() / video.frames(), stride, rounds, loadAverage());
    ImageOps.limitOpenCvThreads(1);

    DecodeThroughput.run(Variant.FAST_STRIDE, video.file(), stride); // warm-up: native libraries, JIT
    Map<Variant, List<Pass>> passes = new EnumMap<>(Variant.class);
    for (int r = 0; r < rounds; r++) {
      for (Variant v : Variant.values()) {
        passes.computeIfAbsent(v, k -> new ArrayList<>()).add(DecodeThroughput.run(v, video.file(), stride));
      }
    }
    printThroughput(video, passes);
    SamplingCheck.print(passes.get(Variant.EXACT_STRIDE).get(0).frameIdx(),
        passes.get(Variant.FAST_STRIDE).get(0).frameIdx(), stride, video.frames());
    ThumbnailCost.Result thumbs = ThumbnailCost.measure(video.file(), 600);
    System.out.printf("%nscene-cut thumbnail (%d decoded pictures, alternating order, CPU ms a picture): every source"
            + " row %.3f, one row in %d (the decoder's) %.3f (%.2fx cheaper); mean |difference| %.2f gray levels%n",
        thumbs.count(), thumbs.everyRowMs(), thumbs.rowStep(), thumbs.steppedMs(),
        thumbs.everyRowMs() / thumbs.steppedMs(), thumbs.meanAbsDiff());
    if (args.length > 2 && args[2].equals("throughput")) {
      System.out.printf("%nload average after: %s%n", loadAverage());
      return; // the decoding passes only (with and without scene cuts on every decoded frame)
    }

    System.out.printf("%npublishing one 1920x1080 frame at a long-side cap, one thread, CPU ms (mean of 24 frames):"
        + " conversion with scaling in the decoder (swscale) to BGR or YUV, JPEG encoding (FrameEncoder: OpenCV from"
        + " BGR, FFmpeg MJPEG from YUV), size, JPEG decoding in detect-track (FFmpeg; OpenCV's beside it)%n");
    System.out.printf("  %-20s %-9s %4s %8s %8s %8s %7s %10s %10s%n", "long side", "size", "q", "convert", "encode",
        "total", "KiB", "decode ms", "OpenCV dec");
    List<DecodedFrame> full = PublishCost.sampleFrames(video.file(), video.frames(), 24, 0);
    for (int cap : CAPS) {
      for (PixelFormat format : PixelFormat.values()) {
        List<DecodedFrame> frames = PublishCost.sampleFrames(video.file(), video.frames(), 24, cap, format);
        double convert = PublishCost.conversionMs(clip, cap, format);
        for (int q : QUALITIES) {
          printCost((cap == 0 ? "source" : Integer.toString(cap)) + " " + PublishCost.label(format), convert,
              PublishCost.measure(frames, cap, q));
        }
      }
    }
    double convertFull = PublishCost.conversionMs(clip, 0, PixelFormat.BGR24);
    printCost("1280 (OpenCV area)", convertFull, PublishCost.measure(full, 1280, 90));
    System.out.printf("  turning upright (90 degrees) adds %.1f ms at 1280, %.1f ms at source size%n",
        PublishCost.rotationExtraMs(PublishCost.sampleFrames(video.file(), video.frames(), 24, 1280), 1280, 90),
        PublishCost.rotationExtraMs(full, 0, 90));

    try (CropFidelity fidelity = CropFidelity.open()) {
      List<CropFidelity.Face> faces = fidelity.faces(clip, 5);
      double filmed = faces.stream().mapToDouble(f -> f.detection().height()).average().orElse(0);
      for (double faceHeight : new double[] {90, 0}) {
        System.out.printf("%nface crop fidelity, %d real faces (%s): cosine similarity of the embedding of the crop"
                + " aligned from the published JPEG to that from the unencoded source frame%n", faces.size(),
            faceHeight > 0 ? "each made 90 px tall in a 1080p source" : String.format("as filmed, %.0f px tall"
                + " on average", filmed));
        System.out.printf("  %-20s %4s %9s %8s %8s%n", "long side", "q", "face px", "mean", "min");
        for (CropFidelity.Score s : fidelity.score(faces, faceHeight, CAPS, new int[] {85, 90},
            benchTarget().resolve("decode-bench"))) {
          System.out.printf("  %-20s %4d %9.0f %8.4f %8.4f%n", s.path(), s.quality(), s.facePx(), s.meanCosine(),
              s.minCosine());
        }
      }
    }
    System.out.printf("%nload average after: %s%n", loadAverage());
  }

  private static void printCost(String label, double convertMs, PublishCost.Cost c) {
    System.out.printf("  %-20s %-9s %4d %8.1f %8.1f %8.1f %7.0f %10.1f %10.1f%n", label, c.width() + "x" + c.height(),
        c.quality(), convertMs, c.encodeMs(), convertMs + c.encodeMs(), c.kilobytes(), c.decodeMs(),
        c.openCvDecodeMs());
  }

  private static void printThroughput(BenchVideo video, Map<Variant, List<Pass>> passes) {
    double baseWall = median(passes.get(Variant.DECODE_ALL), true);
    double baseCpu = median(passes.get(Variant.DECODE_ALL), false);
    System.out.printf("%n  %-42s %12s %7s %14s %7s %10s%n", "variant", "frames/s", "ratio", "frames/cpu-s",
        "ratio", "published");
    for (Variant v : Variant.values()) {
      List<Pass> p = passes.get(v);
      double wall = median(p, true);
      double cpu = median(p, false);
      String all = Arrays.toString(p.stream().mapToDouble(x -> Math.round(video.frames() / x.wallSeconds()))
          .toArray());
      System.out.printf("  %-42s %12.0f %6.2fx %14.0f %6.2fx %10s   passes %s%n", v.label(), video.frames() / wall,
          baseWall / wall, video.frames() / cpu, baseCpu / cpu, v == Variant.FFMPEG_CLI ? "-"
              : Long.toString(p.get(0).published()), all);
    }
  }

  /** Logback without a configuration file logs DEBUG to the console; the tables are the output here. */
  private static void quietLogging() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  private static double median(List<Pass> passes, boolean wall) {
    double[] v = passes.stream().mapToDouble(p -> wall ? p.wallSeconds() : p.cpuSeconds()).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** {@code bench/target}, found from where this class was loaded ({@code bench/target/classes}). */
  private static Path benchTarget() throws Exception {
    Path classes = Path.of(DecodeBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return classes.getParent();
  }
}
