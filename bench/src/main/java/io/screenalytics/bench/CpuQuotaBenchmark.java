package io.screenalytics.bench;

import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.bench.cpu.CpuRecorder;
import io.screenalytics.bench.cpu.EpisodeAwaiter;
import io.screenalytics.bench.cpu.ServiceCpu;
import io.screenalytics.bench.cpu.TestClip;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.decoder.DecoderService;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/run cpu-quota [seconds] [decoder=1.0 detect=0.5 embed=0.5 assembly=0.5]}: runs the whole pipeline in
 * this JVM (in-process broker and registry, every service, as {@code screenalytics run} does) on a generated 1080p
 * clip with a core quota per service, and prints each service's measured mean and peak CPU against its quota. The
 * CPU of a service is that of its own threads, Java and native, as the runtime's governor accounts them. The
 * pipeline runs twice on the same clip: governed, then measuring only ({@code <service>.cpu.governor=false}), so the
 * governor's effect shows side by side.
 */
public final class CpuQuotaBenchmark {

  /** Setting prefix of each service, in pipeline order. */
  private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

  static {
    PREFIXES.put(DecoderService.NAME, "decoder.");
    PREFIXES.put(DetectTrackService.NAME, "detect.");
    PREFIXES.put(EmbedService.NAME, "embed.");
    PREFIXES.put(AssemblyService.NAME, "assembly.");
  }

  private static final List<Function<Settings, WorkerService<?>>> FACTORIES = List.of(
      DecoderService::create, DetectTrackService::create, EmbedService::create, AssemblyService::create);

  private CpuQuotaBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    quietLogging();
    int seconds = 60;
    Map<String, String> quotas = new LinkedHashMap<>(Map.of(
        "decoder", "1.0", "detect", "0.5", "embed", "0.5", "assembly", "0.5"));
    for (String a : args) {
      if (a.contains("=")) {
        quotas.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      } else {
        seconds = Integer.parseInt(a);
      }
    }
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "screenalytics-bench", "cpu-quota");
    Path clip = TestClip.make1080p(shared.resolve("media/video/short_hamilton_clip.mp4"), seconds, work);
    System.out.printf(Locale.ROOT, "cpu-quota: %s (1920x1080, %d s, looped from short_hamilton_clip.mp4), "
        + "stride 6, %d cores, load average %.2f at start%n", clip.getFileName(), seconds,
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    try (LocalCluster cluster = LocalCluster.start()) {
      Map<String, String> base = new LinkedHashMap<>();
      base.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
      base.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
      base.put("store.root", Files.createDirectories(work.resolve("store")).toString());
      quotas.forEach((prefix, q) -> base.put(prefix + ".cpu.quota", q));
      KafkaSettings kafka = KafkaSettings.from(Settings.of(base));
      TopicAdmin.provision(kafka);

      run("governed", Settings.of(base), kafka, clip, "cpu-quota-governed");
      Map<String, String> measureOnly = new LinkedHashMap<>(base);
      PREFIXES.values().forEach(p -> measureOnly.put(p + "cpu.governor", "false"));
      run("measuring only (governor off)", Settings.of(measureOnly), kafka, clip, "cpu-quota-ungoverned");
    }
  }

  /** Keeps the console to the figures: the broker and clients log at INFO and DEBUG otherwise. */
  static void quietLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
      context.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
      context.getLogger("kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  private static void run(String label, Settings settings, KafkaSettings kafka, Path clip, String episodeId)
      throws IOException, InterruptedException {
    List<WorkerService<?>> services = new ArrayList<>();
    try {
      for (var factory : FACTORIES) {
        services.add(factory.apply(settings).start());
      }
      Optional<EpisodeStatus> end;
      CpuRecorder recorder;
      try (EpisodeAwaiter awaiter = new EpisodeAwaiter(kafka);
           KafkaEmitter ingest = new KafkaEmitter(kafka, "cpubench-ingest")) {
        recorder = new CpuRecorder();
        ingest.send(Topics.INGEST, episodeId, EpisodeRequest.newBuilder().setEpisodeId(episodeId)
            .setVideoUri(clip.toString()).setRequestedAtMs(System.currentTimeMillis()).build());
        ingest.flush();
        end = awaiter.await(episodeId, Duration.ofMinutes(30));
        recorder.close();
        print(label, end, recorder, awaiter.lastByStage());
      }
    } finally {
      for (int i = services.size() - 1; i >= 0; i--) {
        services.get(i).close();
      }
    }
  }

  private static void print(String label, Optional<EpisodeStatus> end, CpuRecorder recorder,
      Map<String, EpisodeStatus> lastEvents) {
    System.out.printf(Locale.ROOT, "%nrun %s: episode %s in %.1f s from push%n", label,
        end.map(s -> s.getState().name()).orElse("TIMED OUT"), recorder.seconds());
    System.out.printf(Locale.ROOT, "%-13s %6s %6s %6s %7s %7s %11s %8s %9s %21s%n", "service", "quota", "mean", "busy",
        "peak1s", "peak5s", "busy/quota", "threads", "paused s", "last status cpu%/thr");
    double services = 0;
    for (ServiceCpu s : recorder.services()) {
      services += s.mean();
      EpisodeStatus last = lastEvents.get(s.service());
      String status = last == null ? "-" : String.format(Locale.ROOT, "%.1f / %.0f",
          last.getCounters().getOrDefault(StatusPublisher.CPU_PERCENT, Double.NaN),
          last.getCounters().getOrDefault(StatusPublisher.THREADS, Double.NaN));
      System.out.printf(Locale.ROOT, "%-13s %6.2f %6.2f %6.2f %7.2f %7.2f %10.0f%% %8d %9.1f %21s%n", s.service(),
          s.quota(), s.mean(), s.busyMean(), s.peak1s(), s.peak5s(), 100 * s.busyMean() / s.quota(), s.maxThreads(),
          s.pausedSecs(), status);
    }
    System.out.println("CPU per 2 s from the push, percent of one core:");
    recorder.timeline(2.0).forEach((service, row) -> System.out.printf(Locale.ROOT, "  %-13s %s%n", service,
        row.stream().map(v -> String.format(Locale.ROOT, "%3d", v)).collect(java.util.stream.Collectors.joining(" "))));
    double process = recorder.processCores();
    StringBuilder outside = new StringBuilder();
    recorder.outsideServices(PREFIXES.keySet().stream().map(n -> n + "-").toList()).entrySet().stream().limit(6)
        .forEach(e -> outside.append(String.format(Locale.ROOT, " %s %.2f,", e.getKey(), e.getValue())));
    System.out.printf(Locale.ROOT, "process %.2f cores = services %.2f + outside them %.2f (top:%s)%n", process,
        services, process - services, outside.length() > 0 ? outside.substring(0, outside.length() - 1) : "");
    System.out.printf(Locale.ROOT, "machine %.2f of %d cores busy: other processes took %.2f while this ran%n",
        recorder.machineCores(), Runtime.getRuntime().availableProcessors(), recorder.machineCores() - process);
  }
}
