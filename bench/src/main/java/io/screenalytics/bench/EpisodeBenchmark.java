package io.screenalytics.bench;

import io.screenalytics.asd.AsdService;
import io.screenalytics.asd.service.AsdConfig;
import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.bench.cost.AddedCost;
import io.screenalytics.bench.cost.BrokerRequests;
import io.screenalytics.bench.cost.CostTable;
import io.screenalytics.bench.cost.EpisodeConfigurations;
import io.screenalytics.bench.cost.ScreenTimeMatch;
import io.screenalytics.bench.cost.EpisodeVideos;
import io.screenalytics.bench.cost.SeedPeer;
import io.screenalytics.bench.cost.StageFloors;
import io.screenalytics.bench.cpu.CpuRecorder;
import io.screenalytics.bench.cpu.EpisodeAwaiter;
import io.screenalytics.bench.cpu.GroupStart;
import io.screenalytics.bench.cpu.ServiceCpu;
import io.screenalytics.bench.cpu.TestClip;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.decoder.DecoderService;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.detecttrack.service.DetectTrackConfig;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.launcher.InProcessPipeline;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.voice.service.VoiceConfig;
import io.screenalytics.voice.service.VoiceService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code bench/run episode [--video V | --two-shot] [--minutes M] [--only a,b] [--rounds R] [--no-warmup] [--no-peer]}:
 * the cost
 * of a whole episode, the pipeline in one JVM as {@code screenalytics run} runs it (in-process broker and registry,
 * every service), configuration by configuration on the same file in one run: today's configuration (before the
 * cost work), the defaults, each cost lever alone on today's, and levers together ({@code --only} keeps the
 * configurations named by one of the words, or whose names contain it); then the cost table ({@link CostTable}: CPU
 * per sampled frame by stage beside the floors measured on the same file, {@link StageFloors}); then the seeds' peer
 * ({@link SeedPeer}) on the same file at one and at two ONNX Runtime threads, and each configuration's ratio to the
 * cheaper of the two, unless {@code --no-peer}.
 *
 * <p>Without {@code --video}, the episode is composed once with the ffmpeg CLI (cached under the temp directory):
 * the shared talking-head clips in turn, pillarboxed into 1920x1080 at 29.97 fps, looped to {@code M} minutes
 * (default 1). After one unreported warm-up run (unless {@code --no-warmup}), the configurations run in {@code R}
 * interleaved rounds (default 2) and each reports its cheapest round. Each configuration prints CPU seconds per
 * second of video (this process's CPU, Java and native, from push to completion; the services run warm, started
 * before the push), the real-time factor from push, the process's peak RSS so far, each service's share, faces
 * detected and embedded, identities, and the largest screen-time difference of an identity to the first
 * configuration's (identities matched by the moments they are on screen).
 *
 * <p>The configurations of {@link EpisodeConfigurations#WHOLE_PIPELINE} ("voices", "voices and asd") run every service as {@code
 * screenalytics run} does ({@link InProcessPipeline}: the voice service, and the active speaker service unless
 * {@code asd.enabled=false}), and run only when {@code --only} names them or with {@code --two-shot}; the composed
 * episode then keeps its audio (its own cached file; the silent one stays the cost table's input). When both run,
 * {@link AddedCost} prints what the active speaker stage adds per second of video, round by round. {@code --two-shot}
 * measures them on two faces taking turns to speak ({@link EpisodeVideos#twoShot}), looped to {@code M} minutes.
 */
public final class EpisodeBenchmark {

  private static final List<Function<Settings, WorkerService<?>>> FACTORIES = List.of(
      DecoderService::create, DetectTrackService::create, EmbedService::create, AssemblyService::create);

  private EpisodeBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    CpuQuotaBenchmark.quietLogging();
    Path video = null;
    double minutes = 1;
    List<String> only = null;
    int rounds = 2;
    boolean warmUp = true;
    boolean withPeer = true;
    boolean twoShot = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--two-shot" -> twoShot = true;
        case "--no-warmup" -> warmUp = false;
        case "--no-peer" -> withPeer = false;
        case "--video" -> video = Path.of(args[++i]);
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--only" -> only = List.of(args[++i].split(","));
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (usage: bench/run episode [--video V | --two-shot] [--minutes M] [--only name,name] [--rounds R]"
            + " [--no-warmup] [--no-peer])");
      }
    }
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "screenalytics-bench", "episode");
    Map<String, Map<String, String>> configs = EpisodeConfigurations.configurations();
    if (only == null && twoShot) {
      configs = new LinkedHashMap<>(EpisodeConfigurations.WHOLE_PIPELINE);
    } else if (only != null) {
      configs.putAll(EpisodeConfigurations.WHOLE_PIPELINE);
      List<String> wanted = only;
      Set<String> names = Set.copyOf(configs.keySet());
      // a word that is a configuration's whole name keeps that one only; any other word, every name containing it
      configs.keySet().removeIf(k -> wanted.stream()
          .noneMatch(w -> k.equals(w) || (!names.contains(w) && k.contains(w))));
    }
    boolean voices = configs.keySet().stream().anyMatch(EpisodeConfigurations.WHOLE_PIPELINE::containsKey);
    if (twoShot && video == null) {
      video = EpisodeVideos.twoShot(shared, minutes, work);
    } else if (video == null) {
      // the voice stage needs the audio: its own file, so the silent one (the cost table's input) stays as it was
      video = EpisodeVideos.talkingHeads(shared.resolve("media/video"), minutes, work, voices);
    }
    double videoSeconds = probeSeconds(video);
    System.out.printf(Locale.ROOT, "episode: %s, %.1f s of video; CPU %s, %d cores%n", video, videoSeconds,
        CpuRecorder.cpuModel(), Runtime.getRuntime().availableProcessors());
    List<Result> results = new ArrayList<>();
    Map<String, List<Result>> byConfig = new LinkedHashMap<>();
    try (LocalCluster cluster = LocalCluster.start()) {
      Map<String, String> base = new LinkedHashMap<>();
      base.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
      base.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
      Path store = Files.createDirectories(work.resolve("store"));
      base.put("store.root", store.toString());
      KafkaSettings kafka = KafkaSettings.from(Settings.of(base));
      TopicAdmin.provision(kafka);
      // a run of the defaults first, not reported: JIT compilation and first-use costs are not charged to a row
      // (every stage when a configuration runs the voice and asd services, so that their first use is not either)
      if (warmUp) {
        run("warm-up (not reported)", Settings.of(base), voices, kafka, video,
            "bench-episode-warmup-" + System.currentTimeMillis(), videoSeconds, store);
      }
      int n = 0;
      for (int round = 0; round < rounds; round++) { // rounds interleave the configurations: drift hits them alike
        for (Map.Entry<String, Map<String, String>> config : configs.entrySet()) {
          Map<String, String> settings = new LinkedHashMap<>(base);
          settings.putAll(config.getValue());
          String episodeId = "bench-episode-" + (n++) + "-" + System.currentTimeMillis();
          byConfig.computeIfAbsent(config.getKey(), k -> new ArrayList<>())
              .add(run(config.getKey(), Settings.of(settings), EpisodeConfigurations.WHOLE_PIPELINE.containsKey(config.getKey()), kafka,
                  video, episodeId, videoSeconds, store));
        }
      }
      // each configuration's cheapest round: the least disturbed by whatever else the machine did
      byConfig.values().forEach(rs -> results.add(rs.stream()
          .min(java.util.Comparator.comparingDouble(Result::cpuPerVideoSecond)).orElseThrow()));
    }
    System.out.printf(Locale.ROOT, "%nper configuration, the cheapest of %d interleaved rounds:", rounds);
    print(results);
    addedCost(byConfig).forEach(a -> a.print(System.out));
    DetectTrackConfig detect = DetectTrackConfig.from(Settings.of(Map.of()));
    StageFloors floors = StageFloors.measure(video, ModelLocator.at(shared.resolve("models")),
        detect.detectorModel(), detect.detectorSettings(), detect.minFacePx());
    CostTable.print(System.out, results.stream().map(Result::cost).toList(), floors);
    if (withPeer) {
      peers(shared, video, results);
    }
  }

  /**
   * The seeds' peer on the same file at one and two ONNX Runtime threads, one after the other, and how many times
   * cheaper each configuration is than the cheaper of the two.
   */
  private static void peers(Path shared, Path video, List<Result> results) throws InterruptedException {
    SeedPeer best = null;
    for (int threads : new int[] {1, 2}) {
      Optional<SeedPeer> peer = SeedPeer.run(shared, video, threads);
      if (peer.isEmpty()) {
        System.out.println("peer: no Python with cv2 and onnxruntime, or no figures (see ../shared/tools/README.md)");
        return;
      }
      System.out.printf(Locale.ROOT, "peer (%s, seed_peer.py, stride 6, %d thread%s, same file): %s%n",
          peer.get().python(), threads, threads == 1 ? "" : "s", peer.get().line());
      if (best == null || peer.get().cpuPerVideoSecond() < best.cpuPerVideoSecond()) {
        best = peer.get();
      }
    }
    System.out.printf(Locale.ROOT, "cheaper peer: %d thread(s), %.3f CPU-s per video-second%n", best.threads(),
        best.cpuPerVideoSecond());
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "  %-34s %.3f CPU-s/s: %.2fx cheaper than the cheaper peer%n", r.name(),
          r.cpuPerVideoSecond(), best.cpuPerVideoSecond() / r.cpuPerVideoSecond());
    }
  }

  /**
   * One configuration's figures.
   *
   * @param asdCounters the counters of the asd stage's {@code STAGE_COMPLETED} (spans, frames decoded, ...), empty
   *                    when the stage did not run
   */
  record Result(String name, String state, double cpuSeconds, double wallSeconds, double videoSeconds,
      List<ServiceCpu> services, double facesDetected, double facesEmbedded, List<ScreenTimeMatch.Identity> identities,
      long peakRssBytes, CostTable cost, Map<String, Double> asdCounters) {

    double cpuPerVideoSecond() {
      return cpuSeconds / videoSeconds;
    }
  }

  /**
   * Runs one episode and measures it.
   *
   * @param wholePipeline every stage as {@code screenalytics run} starts them ({@link InProcessPipeline}, with its
   *                      stage waits), else the four face stages ({@link #FACTORIES})
   */
  private static Result run(String name, Settings configured, boolean wholePipeline, KafkaSettings kafka, Path video,
      String episodeId, double videoSeconds, Path store) throws Exception {
    Settings settings = wholePipeline ? InProcessPipeline.withStageWaits(configured) : configured;
    boolean asd = wholePipeline && AsdConfig.from(settings).enabled();
    List<AutoCloseable> services = new ArrayList<>();
    try {
      if (wholePipeline) {
        // groups that sat out earlier runs would read those episodes first and charge their work to this one
        GroupStart.atEnd(kafka, VoiceConfig.from(settings).service().groupId(), List.of(Topics.INGEST));
        GroupStart.atEnd(kafka, AsdConfig.from(settings).service().groupId(),
            List.of(Topics.INGEST, Topics.TRACKS, Topics.VOICE, Topics.STATUS));
        services.add(InProcessPipeline.start(settings));
      } else {
        for (var factory : FACTORIES) services.add(factory.apply(settings).start());
      }
      Thread.sleep(2000); // the groups form and the loops poll before the clock starts
      Optional<EpisodeStatus> end;
      CpuRecorder recorder;
      Map<String, Long> stagesBefore;
      Map<String, Long> stagesAfter;
      Map<String, Long> requestsBefore;
      Map<String, Long> requestsAfter;
      Map<String, EpisodeStatus> last;
      try (EpisodeAwaiter awaiter = new EpisodeAwaiter(kafka);
           KafkaEmitter ingest = new KafkaEmitter(kafka, "episode-bench-ingest")) {
        stagesBefore = StageCpu.snapshot();
        requestsBefore = BrokerRequests.snapshot();
        recorder = new CpuRecorder();
        ingest.send(Topics.INGEST, episodeId, EpisodeRequest.newBuilder().setEpisodeId(episodeId)
            .setVideoUri(video.toString()).setRequestedAtMs(System.currentTimeMillis()).build());
        ingest.flush();
        end = awaiter.await(episodeId, Duration.ofHours(3));
        recorder.close();
        stagesAfter = StageCpu.snapshot();
        requestsAfter = BrokerRequests.snapshot();
        if (asd && end.isPresent() && !awaiter.awaitStageCompleted(episodeId, AsdService.NAME, Duration.ofMinutes(1))) {
          System.out.printf("%s: no STAGE_COMPLETED of the asd stage within 1 minute of the end%n", name);
        }
        last = awaiter.lastByStage();
      }
      Map<String, Double> assembly = end.map(EpisodeStatus::getCounters).orElse(Map.of());
      EpisodeStatus embed = last.get(EmbedService.NAME);
      // embed's "faces" counter counts the faces it embedded ("faces_skipped" the others)
      double embedded = embed == null ? Double.NaN : embed.getCounters().getOrDefault("faces", Double.NaN);
      EpisodeStatus decoder = last.get(DecoderService.NAME);
      double sampled = decoder == null ? Double.NaN
          : decoder.getCounters().getOrDefault("frames_published", Double.NaN);
      Result r = new Result(name, end.map(s -> s.getState().name()).orElse("TIMED OUT"),
          recorder.processCores() * recorder.seconds(), recorder.seconds(), videoSeconds, recorder.services(),
          assembly.getOrDefault("faces", 0.0) + assembly.getOrDefault("faces_of_dropped_tracks", 0.0), embedded,
          ScreenTimeMatch.identities(store.resolve(StoreLayout.episode(episodeId))), peakRssBytes(),
          costTable(name, recorder, stagesBefore, stagesAfter, sampled, embedded, videoSeconds,
              BrokerRequests.between(requestsBefore, requestsAfter)),
          Optional.ofNullable(last.get(AsdService.NAME)).map(EpisodeStatus::getCounters).orElse(Map.of()));
      System.out.printf(Locale.ROOT, "%s: %s, %.3f CPU-s per video-second, %.1fx real time, process peak RSS %.2f GB%n",
          name, r.state(), r.cpuPerVideoSecond(), videoSeconds / r.wallSeconds(), r.peakRssBytes() / 1e9);
      return r;
    } finally {
      for (int i = services.size() - 1; i >= 0; i--) services.get(i).close();
    }
  }

  /**
   * What the active speaker stage adds, for each {@link EpisodeConfigurations#WHOLE_PIPELINE} configuration with it that ran beside
   * "voices": their rounds paired in order (interleaved, so round i of each ran side by side).
   */
  private static List<AddedCost> addedCost(Map<String, List<Result>> byConfig) {
    List<Result> without = byConfig.get("voices");
    List<AddedCost> out = new ArrayList<>();
    for (String name : EpisodeConfigurations.WHOLE_PIPELINE.keySet()) {
      List<Result> with = byConfig.get(name);
      if (without == null || with == null || name.equals("voices")) continue;
      out.add(new AddedCost(AsdService.NAME, without.stream().map(Result::cost).toList(),
          with.stream().map(Result::cost).toList(), with.stream().map(r -> asdWork(r.asdCounters())).toList()));
    }
    return out;
  }

  /** The asd stage's counters that say how much it had to do, in this order, of those it reported. */
  private static Map<String, Double> asdWork(Map<String, Double> counters) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String k : List.of("spans", "contested_seconds", "frames_decoded", "face_frames")) {
      if (counters.containsKey(k)) out.put(k, counters.get(k));
    }
    return out;
  }

  /** The run's CPU by stage: the steps' CPU between the snapshots, the services' and the process's CPU. */
  private static CostTable costTable(String name, CpuRecorder recorder, Map<String, Long> before,
      Map<String, Long> after, double sampled, double embedded, double videoSeconds, Map<String, Long> requests) {
    Map<String, Long> stages = new HashMap<>();
    after.forEach((k, v) -> stages.put(k, v - before.getOrDefault(k, 0L)));
    Map<String, Double> services = new LinkedHashMap<>();
    List<String> prefixes = new ArrayList<>();
    for (ServiceCpu s : recorder.services()) {
      services.put(s.service(), s.mean() * recorder.seconds());
      prefixes.add(s.service() + "-");
    }
    Map<String, Double> outside = new LinkedHashMap<>();
    recorder.outsideServices(prefixes).forEach((k, v) -> outside.put(k, v * recorder.seconds()));
    return CostTable.of(name, stages, services, outside, recorder.processCores() * recorder.seconds(), sampled,
        embedded, videoSeconds, requests);
  }

  /** This process's peak resident set size so far ({@code VmHWM} in /proc/self/status), bytes; 0 if unknown. */
  static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static void print(List<Result> results) {
    Result base = results.get(0);
    System.out.printf(Locale.ROOT, "%n%-34s %9s %8s %9s %-56s %8s %8s %6s %10s%n", "configuration", "CPU-s/s", "vs 1st",
        "realtime", "CPU split by service", "faces", "embedded", "ids", "max d(st)");
    for (Result r : results) {
      double total = r.services().stream().mapToDouble(ServiceCpu::mean).sum();
      StringBuilder split = new StringBuilder();
      for (ServiceCpu s : r.services()) {
        split.append(String.format(Locale.ROOT, "%s %.0f%% ", s.service(), total == 0 ? 0 : 100 * s.mean() / total));
      }
      System.out.printf(Locale.ROOT, "%-34s %9.3f %7.2fx %8.1fx %-56s %8.0f %8.0f %6d %9.1f%%%n", r.name(),
          r.cpuPerVideoSecond(), base.cpuPerVideoSecond() / r.cpuPerVideoSecond(), r.videoSeconds() / r.wallSeconds(),
          split.toString().strip(), r.facesDetected(), r.facesEmbedded(), r.identities().size(),
          100 * ScreenTimeMatch.maxScreenTimeDifference(base.identities(), r.identities()));
    }
    System.out.println("(CPU-s/s: this process's CPU from push to completion per second of video; vs 1st: how many"
        + " times cheaper than the first row; max d(st): the largest change of an identity's screen time against the"
        + " first row's identity that shares most of its moments on screen, relative to that identity's; peak RSS:"
        + " the process's so far)");
  }


  private static double probeSeconds(Path video) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
        "default=nw=1:nk=1", video.toString()).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return Double.parseDouble(out);
  }
}
