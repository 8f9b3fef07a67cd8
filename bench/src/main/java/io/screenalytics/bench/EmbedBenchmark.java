package io.screenalytics.bench;

import io.screenalytics.bench.cpu.CpuRecorder;
import io.screenalytics.bench.embed.BatchingRun;
import io.screenalytics.bench.embed.DenormalRun;
import io.screenalytics.bench.embed.BenchFaces;
import io.screenalytics.bench.embed.BenchFaces.Face;
import io.screenalytics.bench.embed.BenchFaces.Frame;
import io.screenalytics.bench.embed.FetchWaitRun;
import io.screenalytics.bench.embed.GateRun;
import io.screenalytics.bench.embed.IdentityRun;
import io.screenalytics.embed.service.EmbedHandlers;
import io.screenalytics.embed.service.EmbedConfig;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.vision.embed.BatchMode;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run embed [rounds] [stride] [sections]}: the embed stage on real aligned faces from the shared videos
 * (one frame in {@code stride}, default 6 as the decoder) and photos. Sections (default all):
 * {@code batching,gates,identity,kafka} ({@code quality} prints only the distributions). Prints, from one run:
 * <ol>
 *   <li>faces/s, CPU ms per face and model calls per 1,000 faces for one call per face, per-frame batches,
 *       cross-frame batches at several {@code embed.max.batch}, and the service's own handler at its defaults
 *       (medians of {@code rounds}, default 3, modes interleaved);</li>
 *   <li>the quality measures of real crops and of blurred, low-contrast and dark copies, with how far each
 *       copy's embedding moves: the basis of the quality-gate defaults;</li>
 *   <li>same-person vs different-person cosine on the labelled photos: the basis of the per-face cast threshold;</li>
 *   <li>on a real in-process broker, faces per model call and per-frame latency for several
 *       {@code embed.fetch.max.wait.ms}, frames published at a steady rate: the basis of the batching wait.</li>
 * </ol>
 * fr_feature with 2 intra-op threads (the machine's cores), native batching (batch dimension rewritten).
 */
public final class EmbedBenchmark {

  /** Publishing rate of the broker section: about what detect-track sustains on 2 cores beside the others. */
  private static final int KAFKA_FPS = 20;

  private EmbedBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int stride = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    String sections = args.length > 2 ? args[2] : "denormals,batching,gates,identity,kafka";
    PrintStream out = System.out;
    out.printf("CPU: %s, %d cores%n", CpuRecorder.cpuModel(), Runtime.getRuntime().availableProcessors());
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    ModelLocator models = ModelLocator.at(shared.resolve("models"));
    SessionSettings session = SessionSettings.cpu(2);

    long t0 = System.nanoTime();
    List<Frame> frames = BenchFaces.fromVideos(models, shared.resolve("media/video"), stride);
    List<Face> videoFaces = frames.stream().flatMap(f -> f.faces().stream()).toList();
    List<Face> photoFaces = BenchFaces.fromPhotos(models, photos(shared.resolve("faces")));
    out.printf("real faces: %d in %d video frames (stride %d, %.2f faces/frame), %d in photos; found in %.1f s%n",
        videoFaces.size(), frames.size(), stride, videoFaces.size() / (double) frames.size(), photoFaces.size(),
        (System.nanoTime() - t0) / 1e9);

    List<FaceEmbedder> open = new ArrayList<>();
    Settings handlerSettings = Settings.of(Map.of("models.dir", shared.resolve("models").toString(),
        "embed.cpu.quota", "2"));
    try (EmbedHandlers handlers = new EmbedHandlers(EmbedConfig.from(handlerSettings))) {
      FaceEmbedder base = FaceEmbedder.open(models, ModelCatalog.FR_FEATURE, session, 32);
      open.add(base);
      if (sections.contains("denormals")) {
        out.println();
        out.println("== denormals (fr_feature holds denormal weights; medians of " + Math.max(3, rounds) + " rounds) ==");
        DenormalRun.run(out, models, videoFaces.stream().map(Face::crop).limit(64).toList(), Math.max(3, rounds));
      }
      if (sections.contains("batching")) {
        batching(out, rounds, frames, videoFaces, handlers, base, open, models, session);
      }
      if (sections.contains("gates") || sections.contains("quality")) {
        gates(out, frames, videoFaces, photoFaces, sections.contains("gates") ? base : null);
      }
      if (sections.contains("kafka")) {
        out.println();
        out.println("== batching wait on a real broker: 1 instance (embed.cpu.quota 1), " + KAFKA_FPS
            + " frames/s published ==");
        FetchWaitRun.run(out, Map.of("models.dir", shared.resolve("models").toString()), frames, KAFKA_FPS,
            new int[] {0, 100, 250, 500});
      }
      if (sections.contains("identity")) {
        out.println();
        out.println("== per-face cast threshold: labelled deepface photos ==");
        IdentityRun.run(out, models, base, shared.resolve("faces/deepface"));
      }
    } finally {
      open.forEach(FaceEmbedder::close);
    }
  }

  private static void batching(PrintStream out, int rounds, List<Frame> frames, List<Face> videoFaces,
      EmbedHandlers handlers, FaceEmbedder base, List<FaceEmbedder> open, ModelLocator models,
      SessionSettings session) {
    out.println();
    out.println("== batching (fr_feature, 2 threads, medians of " + rounds + " rounds) ==");
    String before = loadAverage();
    List<BatchingRun.Mode> modes = new ArrayList<>();
    FaceEmbedder original = FaceEmbedder.open(models, ModelCatalog.FR_FEATURE, session, 1, BatchMode.PER_FACE);
    open.add(original);
    modes.add(BatchingRun.perFace(original, frames, "one call per face, original graph (batch 1)"));
    modes.add(BatchingRun.perFace(base, frames, "one call per face, rewritten graph"));
    modes.add(BatchingRun.perFrame(base, frames));
    for (int maxBatch : new int[] {8, 16, 32, 64}) {
      FaceEmbedder e = maxBatch == 32 ? base : FaceEmbedder.open(models, ModelCatalog.FR_FEATURE, session, maxBatch);
      if (e != base) {
        open.add(e);
      }
      modes.add(BatchingRun.crossFrame(e, frames, EmbedConfig.DEFAULT_MAX_POLL_RECORDS));
    }
    modes.add(BatchingRun.handler(handlers, frames, EmbedConfig.DEFAULT_MAX_POLL_RECORDS));
    List<BatchingRun.Result> results = BatchingRun.run(modes, videoFaces.size(), rounds);
    double perFace = results.get(0).facesPerSecond();
    double perFaceCpu = results.get(0).cpuMsPerFace();
    out.printf("%-50s %16s %10s %8s %12s %12s%n", "mode", "calls/1000 faces", "faces/call", "faces/s",
        "CPU ms/face", "vs per-face");
    for (BatchingRun.Result r : results) {
      out.printf("%-50s %16.0f %10.1f %8.0f %12.2f %6.2fx/%.2fx%n", r.mode(), r.callsPer1000(),
          1000 / r.callsPer1000(), r.facesPerSecond(), r.cpuMsPerFace(), r.facesPerSecond() / perFace,
          perFaceCpu / r.cpuMsPerFace());
    }
    out.println("(vs per-face: faces/s and CPU-per-face ratios to the first row; the handler row counts skipped "
        + "faces too and includes gates, thumbnails and records: "
        + handlers.stats().snapshot() + ")");
    out.printf("load average before / after: %s / %s%n", before, loadAverage());
  }

  private static void gates(PrintStream out, List<Frame> frames, List<Face> videoFaces, List<Face> photoFaces,
      FaceEmbedder base) {
    out.println();
    out.println("== quality of real crops (percentiles 1/5/50/95/99) ==");
    GateRun.distribution(out, "video faces", videoFaces);
    frames.stream().map(Frame::video).distinct().forEach(v -> GateRun.distribution(out, "  " + v,
        videoFaces.stream().filter(f -> f.source().equals(v)).toList()));
    GateRun.distribution(out, "photo faces", photoFaces);
    if (base != null) {
      out.println();
      out.println("== degraded copies of every real crop (video + photo) ==");
      List<Face> all = new ArrayList<>(videoFaces);
      all.addAll(photoFaces);
      GateRun.degradations(out, base, all);
    }
  }

  private static String loadAverage() {
    return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
  }

  private static List<Path> photos(Path faces) throws Exception {
    try (Stream<Path> s = Files.walk(faces)) {
      return s.filter(p -> p.toString().matches(".*\\.(jpg|png)$")).sorted().toList();
    }
  }
}
