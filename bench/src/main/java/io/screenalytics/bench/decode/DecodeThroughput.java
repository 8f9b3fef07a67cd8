package io.screenalytics.bench.decode;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.video.decode.SceneCutDetector;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.video.decode.VideoSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * One timed pass over a video per decoding variant, all with one decoder thread. Java variants report wall
 * time and the CPU time of the calling thread (FFmpeg decodes on it when {@code threads=1}); the ffmpeg CLI
 * reports its own user+system time ({@code -benchmark}).
 */
public final class DecodeThroughput {

  /** A decoding variant. */
  public enum Variant {
    /** Decode every frame and convert every frame to BGR ({@link VideoSource#nextFrame()}). */
    DECODE_ALL("decode-all (convert every frame)"),
    /** {@link SamplingPolicy#EXACT_STRIDE}: decode every frame, convert 1 in stride. */
    EXACT_STRIDE("exact_stride (decode all, convert 1 in 6)"),
    /** {@link SamplingPolicy#FAST_STRIDE}: {@code skip_frame=noref}, nearest decoded frame per stride point. */
    FAST_STRIDE("fast_stride (skip_frame=noref)"),
    /** {@link #EXACT_STRIDE} with the service's scene-cut detection on every decoded frame. */
    EXACT_STRIDE_CUTS("exact_stride + scene cuts (every frame)"),
    /** {@link #FAST_STRIDE} with the service's scene-cut detection on every decoded (reference) frame. */
    FAST_STRIDE_CUTS("fast_stride + scene cuts (every decoded frame)"),
    /** {@code skip_frame=bidir} (every B-frame skipped, reference B-frames too), each decoded frame converted. */
    BIDIR("skip_frame=bidir (not offered)"),
    /** {@code ffmpeg -threads 1 -i f -an -f null -}: decode only. */
    FFMPEG_CLI("ffmpeg CLI -threads 1 -f null");

    private final String label;

    Variant(String label) {
      this.label = label;
    }

    /** How the variant is printed. */
    public String label() {
      return label;
    }
  }

  /**
   * One pass.
   *
   * @param variant what ran
   * @param wallSeconds elapsed seconds
   * @param cpuSeconds CPU seconds (calling thread, or the ffmpeg process)
   * @param published frames handed out (sampled), or decoded for the decode-only variants
   * @param frameIdx indices of the frames handed out by the samplers, else empty
   */
  public record Pass(Variant variant, double wallSeconds, double cpuSeconds, long published, List<Long> frameIdx) {
  }

  private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DecodeThroughput() {
  }

  /**
   * Runs one pass of {@code variant} over {@code file} at {@code stride}.
   *
   * @throws IOException if the ffmpeg CLI fails
   */
  public static Pass run(Variant variant, Path file, int stride) throws IOException, InterruptedException {
    if (variant == Variant.FFMPEG_CLI) {
      return ffmpegCli(file);
    }
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long published = 0;
    List<Long> indices = new ArrayList<>();
    switch (variant) {
      case DECODE_ALL -> {
        try (VideoSource video = VideoSource.open(file.toString(), 1, SamplingPolicy.EXACT_STRIDE)) {
          for (DecodedFrame f = video.nextFrame(); f != null; f = video.nextFrame()) {
            published++;
          }
        }
      }
      case EXACT_STRIDE, FAST_STRIDE, EXACT_STRIDE_CUTS, FAST_STRIDE_CUTS -> {
        SamplingPolicy policy = variant == Variant.EXACT_STRIDE || variant == Variant.EXACT_STRIDE_CUTS
            ? SamplingPolicy.EXACT_STRIDE : SamplingPolicy.FAST_STRIDE;
        boolean cuts = variant == Variant.EXACT_STRIDE_CUTS || variant == Variant.FAST_STRIDE_CUTS;
        try (FrameSampler frames = FrameSampler.open(file.toString(), new DecodeSettings(stride, policy, 1))) {
          if (cuts) {
            frames.detectCuts(new SceneCutDetector());
          }
          while (frames.hasNext()) {
            indices.add(frames.next().frameIdx());
            published++;
          }
        }
      }
      case BIDIR -> published = bidir(file);
      default -> throw new IllegalArgumentException(variant.name());
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
    return new Pass(variant, wall, cpu, published, indices);
  }

  /** Decodes I- and P-frames only, converting each to BGR as JavaCV does. */
  private static long bidir(Path file) throws IOException {
    long decoded = 0;
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.setVideoOption("threads", "1");
      grabber.setVideoOption("skip_frame", "bidir");
      grabber.start();
      for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
        decoded++;
      }
      grabber.stop();
    }
    return decoded;
  }

  private static Pass ffmpegCli(Path file) throws IOException, InterruptedException {
    double[] cpuWall = ffmpegDecode(file, List.of());
    return new Pass(Variant.FFMPEG_CLI, cpuWall[1], cpuWall[0], 0, List.of());
  }

  /**
   * Decodes {@code file} with the ffmpeg CLI on one thread, discarding the pictures ({@code ffmpeg -benchmark
   * -threads 1 [inputOptions] -i file -an -f null -}).
   *
   * @param inputOptions options before {@code -i}, for example {@code -skip_frame noref}
   * @return CPU seconds (user + system) and wall seconds, ffmpeg's own figures (process start-up excluded)
   * @throws IOException if the ffmpeg CLI fails
   */
  public static double[] ffmpegDecode(Path file, List<String> inputOptions) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostats", "-benchmark", "-threads", "1"));
    cmd.addAll(inputOptions);
    cmd.addAll(List.of("-i", file.toString(), "-an", "-f", "null", "-"));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int exit = p.waitFor();
    Matcher m = BENCH.matcher(err);
    if (exit != 0 || !m.find()) {
      throw new IOException("ffmpeg -benchmark failed (exit " + exit + "): " + err);
    }
    return new double[] {Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3))};
  }
}
