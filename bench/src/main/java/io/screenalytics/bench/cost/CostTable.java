package io.screenalytics.bench.cost;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run's CPU split by stage, per sampled frame: each step a service timed on its own thread ({@link
 * io.screenalytics.runtime.cpu.StageCpu}), each service's remainder (its Kafka clients, serialisation, bookkeeping:
 * "transport and the rest"), JIT compiler and GC threads of the process, and the rest of the process (the in-process
 * broker, and what no service owns). The rows add up to the process's CPU from push to completion. The voice and
 * active speaker ({@code asd}) services have rows too, printed only when a table ran them.
 *
 * @param name           the configuration
 * @param cpuSecondsByRow CPU seconds per row ({@link #ROWS} order; a row the run did not have is 0)
 * @param sampledFrames  frames the decoder published
 * @param facesEmbedded  faces the embed stage embedded
 * @param videoSeconds   seconds of video
 * @param outsideServices CPU seconds of the threads no service owns, by OS thread name group, largest first
 * @param brokerRequests  requests the in-process broker handled during the run, by type ({@link BrokerRequests})
 */
public record CostTable(String name, Map<String, Double> cpuSecondsByRow, double sampledFrames, double facesEmbedded,
    double videoSeconds, Map<String, Double> outsideServices, Map<String, Long> brokerRequests) {

  /** Row names: {@code <service>/<step>} as the services name their steps, or a label. */
  public static final List<String> ROWS = List.of(
      "decoder/decode", "decoder/convert", "decoder/encode", "decoder/scene_cuts", "decoder/transport and rest",
      "detect-track/decode", "detect-track/detect", "detect-track/align", "detect-track/track",
      "detect-track/transport and rest",
      "embed/quality", "embed/embed", "embed/transport and rest",
      "assembly/all",
      "voice/analyse", "voice/transport and rest",
      "asd/plan", "asd/decode", "asd/score", "asd/transport and rest",
      "process/JIT compiler threads", "process/GC threads", "process/broker and rest");

  /** Services whose rows are printed only when a table has CPU in them: they run only in some configurations. */
  static final List<String> OPTIONAL_SERVICES = List.of("voice", "asd");

  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("decoder/decode", "decode (H.264)"), Map.entry("decoder/convert", "convert/scale (swscale)"),
      Map.entry("decoder/encode", "encode (JPEG)"), Map.entry("decoder/scene_cuts", "scene cuts"),
      Map.entry("detect-track/decode", "decode again (JPEG)"), Map.entry("detect-track/detect", "detect"),
      Map.entry("detect-track/align", "align + crop quality"), Map.entry("detect-track/track", "track"),
      Map.entry("embed/quality", "quality gate"), Map.entry("embed/embed", "embed (model calls)"),
      Map.entry("voice/analyse", "analyse (audio, VAD, GE2E)"), Map.entry("asd/plan", "plan spans"),
      Map.entry("asd/decode", "decode densely + crop"), Map.entry("asd/score", "score (MFCC, Light-ASD)"));

  /**
   * Builds the table of one run.
   *
   * @param stageCpuNanos CPU of each timed step over the run, nanoseconds, keyed {@code <service>/<step>}
   * @param serviceCpuSeconds each service's CPU over the run (its governor's accounting), seconds
   * @param outsideServices CPU of threads no service owns, by OS thread name group, seconds
   * @param processCpuSeconds the process's CPU over the run, seconds
   * @param brokerRequests requests the broker handled during the run, by type
   */
  public static CostTable of(String name, Map<String, Long> stageCpuNanos, Map<String, Double> serviceCpuSeconds,
      Map<String, Double> outsideServices, double processCpuSeconds, double sampledFrames, double facesEmbedded,
      double videoSeconds, Map<String, Long> brokerRequests) {
    Map<String, Double> rows = new LinkedHashMap<>();
    ROWS.forEach(r -> rows.put(r, 0.0));
    Map<String, Double> timed = new LinkedHashMap<>();
    stageCpuNanos.forEach((k, v) -> {
      if (rows.containsKey(k)) {
        rows.put(k, v / 1e9);
        timed.merge(k.substring(0, k.indexOf('/')), v / 1e9, Double::sum);
      }
    });
    double services = 0;
    for (Map.Entry<String, Double> s : serviceCpuSeconds.entrySet()) {
      services += s.getValue();
      String rest = s.getKey().equals("assembly") ? "assembly/all" : s.getKey() + "/transport and rest";
      if (rows.containsKey(rest)) {
        rows.put(rest, s.getValue() - timed.getOrDefault(s.getKey(), 0.0));
      }
    }
    double jit = 0;
    double gc = 0;
    for (Map.Entry<String, Double> t : outsideServices.entrySet()) {
      String n = t.getKey();
      if (n.contains("Compiler")) {
        jit += t.getValue();
      } else if (n.startsWith("GC ") || n.startsWith("G1 ") || n.startsWith("VM Thread") || n.startsWith("ParGC")
          || n.startsWith("Serial")) {
        gc += t.getValue();
      }
    }
    rows.put("process/JIT compiler threads", jit);
    rows.put("process/GC threads", gc);
    rows.put("process/broker and rest", processCpuSeconds - services - jit - gc);
    return new CostTable(name, rows, sampledFrames, facesEmbedded, videoSeconds, outsideServices, brokerRequests);
  }

  /** The process's CPU over the run, seconds (all rows). */
  public double totalCpuSeconds() {
    return cpuSecondsByRow.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The CPU of one service over the run (the sum of its rows: its governor's accounting), seconds; 0 if absent. */
  public double serviceCpuSeconds(String service) {
    return serviceRows(service).values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** One service's rows, {@link #ROWS} order, keyed by step ({@code decode}, {@code transport and rest}, ...). */
  public Map<String, Double> serviceRows(String service) {
    Map<String, Double> out = new LinkedHashMap<>();
    cpuSecondsByRow.forEach((row, cpu) -> {
      if (row.startsWith(service + "/")) out.put(row.substring(service.length() + 1), cpu);
    });
    return out;
  }

  /** Whether {@code row} is printed: always, unless it belongs to a service no table ran. */
  static boolean printed(String row, List<CostTable> tables) {
    String service = row.substring(0, row.indexOf('/'));
    return !OPTIONAL_SERVICES.contains(service) || tables.stream().anyMatch(t -> t.serviceCpuSeconds(service) != 0);
  }

  /**
   * Prints tables side by side, CPU milliseconds per sampled frame, with each row's floor measured on the same file
   * ({@link StageFloors}; the floor of the embed row is the first table's embedded faces per frame times the
   * embedder alone per face); the last lines give the totals in CPU-s per second of video.
   */
  public static void print(PrintStream out, List<CostTable> tables, StageFloors floors) {
    CostTable first = tables.get(0);
    Map<String, Double> floorMs = new LinkedHashMap<>();
    if (floors != null) {
      floorMs.put("decoder/decode", 1000 * floors.decodeNorefCpuSeconds() / first.sampledFrames());
      floorMs.put("detect-track/detect", floors.detectCpuMsPerFrame());
      floorMs.put("embed/embed", floors.embedCpuMsPerFace() * first.facesEmbedded() / first.sampledFrames());
    }
    out.printf(Locale.ROOT, "%ncost per sampled frame, CPU ms (one row per stage; floor: the same work at its least,"
        + " one thread, same file, this run)%n");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-13s %-28s %8s", "service", "stage", "floor"));
    for (CostTable t : tables) {
      head.append(String.format(Locale.ROOT, " %14s", shorten(t.name())));
    }
    out.println(head);
    for (String row : ROWS) {
      if (!printed(row, tables)) continue;
      String service = row.substring(0, row.indexOf('/'));
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-13s %-28s %8s", service,
          LABELS.getOrDefault(row, row.substring(row.indexOf('/') + 1)),
          floorMs.containsKey(row) ? String.format(Locale.ROOT, "%.2f", floorMs.get(row)) : "-"));
      for (CostTable t : tables) {
        line.append(String.format(Locale.ROOT, " %14.2f", 1000 * t.cpuSecondsByRow().get(row) / t.sampledFrames()));
      }
      out.println(line);
    }
    double floorTotal = floorMs.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder total = new StringBuilder(String.format(Locale.ROOT, "%-13s %-28s %8.2f", "", "total per frame",
        floorTotal));
    StringBuilder perSecond = new StringBuilder(String.format(Locale.ROOT, "%-13s %-28s %8.3f", "",
        "total, CPU-s per video-s", floorTotal * first.sampledFrames() / 1000 / first.videoSeconds()));
    StringBuilder ratio = new StringBuilder(String.format(Locale.ROOT, "%-13s %-28s %8s", "", "times the floor", ""));
    StringBuilder frames = new StringBuilder(String.format(Locale.ROOT, "%-13s %-28s %8s", "",
        "sampled frames / embedded", ""));
    for (CostTable t : tables) {
      total.append(String.format(Locale.ROOT, " %14.2f", 1000 * t.totalCpuSeconds() / t.sampledFrames()));
      perSecond.append(String.format(Locale.ROOT, " %14.3f", t.totalCpuSeconds() / t.videoSeconds()));
      ratio.append(String.format(Locale.ROOT, " %13.2fx",
          1000 * t.totalCpuSeconds() / t.sampledFrames() / floorTotal));
      frames.append(String.format(Locale.ROOT, " %14s", String.format(Locale.ROOT, "%.0f/%.0f", t.sampledFrames(),
          t.facesEmbedded())));
    }
    out.println(total);
    out.println(perSecond);
    if (floorTotal > 0) {
      out.println(ratio);
    }
    out.println(frames);
    for (CostTable t : tables) {
      StringBuilder threads = new StringBuilder();
      t.outsideServices().entrySet().stream().limit(8).forEach(e -> threads.append(String.format(Locale.ROOT,
          "%s%s %.2f", threads.length() == 0 ? "" : ", ", e.getKey(), 1000 * e.getValue() / t.sampledFrames())));
      out.printf(Locale.ROOT, "threads no service owns (%s), CPU ms per frame: %s%n", t.name(), threads);
    }
    for (CostTable t : tables) {
      StringBuilder requests = new StringBuilder();
      long all = t.brokerRequests().values().stream().mapToLong(Long::longValue).sum();
      t.brokerRequests().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
          .forEach(e -> requests.append(String.format(Locale.ROOT, ", %s %.2f", e.getKey(),
              e.getValue() / t.sampledFrames())));
      out.printf(Locale.ROOT, "broker requests per frame (%s): all %.2f%s%n", t.name(), all / t.sampledFrames(),
          requests);
    }
    if (floors != null) {
      out.printf(Locale.ROOT, "floors: decode = ffmpeg -threads 1 -skip_frame noref (%.2f CPU-s; every picture %.2f"
          + " CPU-s, %.2f ms per sampled frame); detect = the detector alone on %d sampled frames given at its input"
          + " size; embed = fr_feature alone, one thread, %.2f ms per face on %d faces, times the first column's"
          + " embedded faces per frame%n", floors.decodeNorefCpuSeconds(), floors.decodeAllCpuSeconds(),
          1000 * floors.decodeAllCpuSeconds() / first.sampledFrames(), floors.framesMeasured(),
          floors.embedCpuMsPerFace(), floors.facesMeasured());
    }
  }

  private static String shorten(String name) {
    return name.length() <= 14 ? name : name.substring(0, 13) + "~";
  }
}
