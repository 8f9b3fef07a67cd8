package io.screenalytics.bench;

import io.screenalytics.bench.cost.EpisodeVideos;
import io.screenalytics.bench.cpu.CpuRecorder;
import io.screenalytics.bench.decode.ChunkDecoder;
import io.screenalytics.video.decode.ChunkPlan;
import io.screenalytics.video.decode.VideoSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run chunked-decode [--video V] [--minutes M] [--chunk-seconds S,S] [--decoders N] [--stride K]}: the
 * decode phase of one episode split into keyframe-aligned chunks ({@link ChunkPlan}) and decoded by N decoder
 * processes at once against one, side by side in one run. Each decoder is its own JVM ({@link ChunkDecoder}: the
 * decoder service's defaults, frames JPEG-encoded and discarded, no broker); the chunks are a work queue, handed
 * to whichever process is idle, as a consumer group hands out partitions. Timed from the first chunk handed out
 * to the last one done, after every process has started and decoded one frame. Prints per configuration the wall
 * time, the speed-up over one process, the CPU seconds and the cores they amount to (CPU over wall: 2 decoders on
 * 2 free cores reach about 2), the frames, and whether every chunk's frames (frame_idx
 * and JPEG bytes) equal those of the one-process run; the load average before and after each run.
 *
 * <p>Defaults: the composed 10-minute 1920x1080 29.97 fps talking-heads episode ({@code bench/run episode}'s),
 * chunks of 120 and 60 s, 2 decoders, stride 6.
 */
public final class ChunkedDecodeBenchmark {

  private ChunkedDecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    CpuQuotaBenchmark.quietLogging();
    Path video = null;
    double minutes = 10;
    List<Double> chunkSeconds = List.of(120.0, 60.0);
    int decoders = 2;
    int stride = 6;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--video" -> video = Path.of(args[++i]);
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--chunk-seconds" -> chunkSeconds = java.util.Arrays.stream(args[++i].split(","))
            .map(Double::valueOf).toList();
        case "--decoders" -> decoders = Integer.parseInt(args[++i]);
        case "--stride" -> stride = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (usage: bench/run "
            + "chunked-decode [--video V] [--minutes M] [--chunk-seconds S,S] [--decoders N] [--stride K])");
      }
    }
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    if (video == null) {
      video = EpisodeVideos.talkingHeads(shared.resolve("media/video"),
          minutes, Path.of(System.getProperty("java.io.tmpdir"), "screenalytics-bench", "episode"), false);
    }
    String location = video.toString();
    long t0 = System.nanoTime();
    List<Long> keyframes = ChunkPlan.keyframeIndices(location);
    double fps;
    double seconds;
    try (VideoSource source = VideoSource.open(location, 1)) {
      fps = source.info().fps();
      seconds = source.info().durationSeconds();
    }
    System.out.printf(Locale.ROOT, "episode: %s, %.1f s, %.3f fps, %d keyframes (listed in %.2f s); CPU %s, %d cores%n",
        video, seconds, fps, keyframes.size(), (System.nanoTime() - t0) / 1e9, CpuRecorder.cpuModel(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-28s %8s %8s %8s %6s %7s %6s  %s%n", "configuration", "wall s", "speed-up",
        "CPU s", "cores", "frames", "chunks", "load average before / after");
    Run whole = run(location, stride, ChunkPlan.whole(), 1);
    print("1 decoder, unchunked", whole, whole);
    for (double s : chunkSeconds) {
      ChunkPlan plan = ChunkPlan.plan(keyframes, fps, s);
      Run one = run(location, stride, plan, 1);
      Run many = run(location, stride, plan, decoders);
      print(String.format(Locale.ROOT, "1 decoder, %.0f s chunks", s), one, one);
      print(String.format(Locale.ROOT, "%d decoders, %.0f s chunks", decoders, s), many, one);
      long longest = plan.chunks().stream().mapToLong(c -> Math.min(c.endFrame(), Math.round(seconds * fps))
          - c.firstFrame()).max().orElse(0);
      System.out.printf(Locale.ROOT, "  %d chunks (longest %.1f s); same frames as 1 decoder: %s; same frames as"
          + " unchunked: %s; ideal speed-up with %d decoders (whole chunks): %.2fx%n", plan.chunks().size(),
          longest / fps, many.chunkCrcs.equals(one.chunkCrcs), one.frames == whole.frames
              && one.crcSum == whole.crcSum, decoders,
          ideal(plan, decoders, Math.round(seconds * fps)));
    }
  }

  /** The best speed-up whole chunks allow: total frames over the longest decoder's share, longest chunks first. */
  private static double ideal(ChunkPlan plan, int decoders, long totalFrames) {
    List<Long> lengths = new ArrayList<>(plan.chunks().stream()
        .map(c -> Math.min(c.endFrame(), totalFrames) - c.firstFrame()).toList());
    lengths.sort(java.util.Comparator.reverseOrder());
    long[] load = new long[decoders];
    for (long l : lengths) {
      int least = 0;
      for (int i = 1; i < decoders; i++) {
        if (load[i] < load[least]) {
          least = i;
        }
      }
      load[least] += l;
    }
    return (double) totalFrames / java.util.Arrays.stream(load).max().orElse(1);
  }

  private static void print(String name, Run r, Run base) {
    System.out.printf(Locale.ROOT, "%-28s %8.1f %7.2fx %8.1f %6.2f %7d %6d  %s / %s%n", name, r.wallSeconds,
        base.wallSeconds / r.wallSeconds, r.cpuSeconds, r.cpuSeconds / r.wallSeconds, r.frames, r.chunkCrcs.size(),
        r.loadBefore, r.loadAfter);
  }

  /** One timed decode of {@code plan} by {@code decoders} processes. */
  private record Run(double wallSeconds, double cpuSeconds, long frames, Map<Integer, String> chunkCrcs,
      long crcSum, String loadBefore, String loadAfter) {}

  private static Run run(String video, int stride, ChunkPlan plan, int decoders) throws Exception {
    List<Process> processes = new ArrayList<>();
    List<PrintWriter> inputs = new ArrayList<>();
    BlockingQueue<String[]> answers = new LinkedBlockingQueue<>();
    try {
      for (int d = 0; d < decoders; d++) {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-XX:+UseSerialGC", "-Dscreenalytics.shared=" + System.getProperty("screenalytics.shared", ""),
            "-cp", System.getProperty("java.class.path"), ChunkDecoder.class.getName(), video,
            Integer.toString(stride))
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        inputs.add(new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8));
        int worker = d;
        Thread reader = new Thread(() -> {
          try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
              StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
              String[] f = line.split(" ");
              if (f[0].equals("ready") || f[0].equals("done")) {
                answers.add(prepend(worker, f));
              }
            }
          } catch (IOException e) {
            answers.add(new String[] {Integer.toString(worker), "gone"});
          }
          answers.add(new String[] {Integer.toString(worker), "gone"});
        }, "bench-chunk-reader-" + (d + 1));
        reader.setDaemon(true);
        reader.start();
      }
      for (int ready = 0; ready < decoders; ) {
        String[] a = take(answers);
        if (!a[1].equals("ready")) {
          throw new IllegalStateException("decoder process " + a[0] + " ended before it was ready");
        }
        ready++;
      }
      String loadBefore = loadAverage();
      Deque<ChunkPlan.Chunk> queue = new ArrayDeque<>(plan.chunks());
      long start = System.nanoTime();
      int busy = 0;
      for (int d = 0; d < decoders && !queue.isEmpty(); d++) {
        hand(inputs.get(d), queue.poll());
        busy++;
      }
      Map<Integer, String> crcs = new TreeMap<>();
      long frames = 0;
      long cpuNanos = 0;
      long crcSum = 0;
      while (busy > 0) {
        String[] a = take(answers);
        if (!a[1].equals("done")) {
          throw new IllegalStateException("decoder process " + a[0] + " ended mid-run");
        }
        busy--;
        crcs.put(Integer.parseInt(a[2]), a[3] + "/" + a[4]);
        frames += Long.parseLong(a[3]);
        crcSum += Long.parseLong(a[4]);
        cpuNanos += Long.parseLong(a[5]);
        if (!queue.isEmpty()) {
          hand(inputs.get(Integer.parseInt(a[0])), queue.poll());
          busy++;
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      return new Run(wall, cpuNanos / 1e9, frames, crcs, crcSum, loadBefore, loadAverage());
    } finally {
      inputs.forEach(in -> in.println("quit"));
      for (Process p : processes) {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static void hand(PrintWriter in, ChunkPlan.Chunk c) {
    in.println(c.index() + " " + c.firstFrame() + " " + c.endFrame());
  }

  private static String[] take(BlockingQueue<String[]> answers) throws InterruptedException {
    String[] a = answers.poll(30, TimeUnit.MINUTES);
    if (a == null) {
      throw new IllegalStateException("no decoder process answered in 30 minutes");
    }
    return a;
  }

  private static String[] prepend(int worker, String[] fields) {
    String[] out = new String[fields.length + 1];
    out[0] = Integer.toString(worker);
    System.arraycopy(fields, 0, out, 1, fields.length);
    return out;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
