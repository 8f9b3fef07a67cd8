package io.screenalytics.bench.scale;

import io.screenalytics.cluster.BrokerProcesses;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.LocalClusterSettings;
import io.screenalytics.cluster.ParentWatchdog;
import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.output.manifest.StoredEpisode;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.config.TopicSettings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.LocalArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The run behind {@code bench/run scale-out} (see {@code ScaleOutBenchmark}): the cluster, the service processes,
 * the episodes alone and then all at once, the embed process killed and one added, the checks and the tables.
 * Not thread-safe; one run per instance.
 */
public final class ScaleOutRun {

  /** Processes per service: decoder x2, detect-track x2, embed x3, assembly x2. */
  static final Map<String, Integer> WORKERS = Map.of("decoder", 2, "detect-track", 2, "embed", 3, "assembly", 2);
  private static final List<String> ORDER = List.of("decoder", "detect-track", "embed", "assembly");
  private static final Duration EPISODE_TIMEOUT = Duration.ofMinutes(20);
  /** The launcher jar with its {@code lib/}, built by {@code bench/run} (the bench depends on the launcher). */
  static final Path LAUNCHER_JAR = Path.of(System.getProperty("screenalytics.launcher.jar",
      "launcher/target/screenalytics-launcher.jar")).toAbsolutePath();

  private final Path videos;
  private final Path work;
  private final int stride;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final Set<String> reportedDead = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * @param videos the shared clips' directory ({@code media/video})
   * @param work   where the store, the logs and {@code samples.csv} go
   * @param stride the decoder's stride
   */
  public ScaleOutRun(Path videos, Path work, int stride) {
    this.videos = videos;
    this.work = work;
    this.stride = stride;
  }

  /**
   * Runs it and prints the tables.
   *
   * @return whether every good episode completed with its run alone's outputs and every bad one failed
   */
  public boolean run(int episodes) throws Exception {
    if (!Files.isRegularFile(LAUNCHER_JAR)) {
      throw new IllegalStateException("no launcher jar at " + LAUNCHER_JAR + ": run bench/run from the project root"
          + " or set -Dscreenalytics.launcher.jar");
    }
    Files.createDirectories(work.resolve("logs"));
    List<Path> clips;
    try (Stream<Path> s = Files.list(videos)) {
      clips = s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
    }
    Path notVideo = Files.writeString(work.resolve("not-a-video.mp4"), "this is text, not a video\n");
    byte[] whole = Files.readAllBytes(videos.resolve("short_hamilton_clip.mp4"));
    Path truncated = Files.write(work.resolve("truncated.mp4"), java.util.Arrays.copyOf(whole, whole.length / 3));
    long t0 = System.nanoTime();
    try (LocalCluster cluster = LocalCluster.start(LocalClusterSettings.fromEnvironment().withBrokers(3))) {
      BrokerProcesses brokers = (BrokerProcesses) cluster.broker();
      settings.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
      settings.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
      settings.put("store.root", work.resolve("store").toString());
      settings.put("decoder.stride", Integer.toString(stride));
      settings.put("kafka.session.timeout.ms", "10000");
      settings.put(TopicSettings.REPLICATION_FACTOR, "3");
      settings.put(TopicSettings.MIN_INSYNC_REPLICAS, "2");
      KafkaSettings kafka = KafkaSettings.from(Settings.of(settings));
      TopicAdmin.provision(kafka, TopicSettings.from(Settings.of(settings)));
      System.out.printf(Locale.ROOT, "cluster of 3 brokers ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      for (String service : ORDER) {
        for (int i = 1; i <= WORKERS.get(service); i++) {
          start(service + "-" + i);
        }
      }
      try (ProcessSampler sampler = new ProcessSampler(() -> pids(brokers, cluster), cluster.bootstrapServers(),
          work.resolve("samples.csv"), 2_000);
           Ingestor ingestor = new Ingestor(kafka);
           StatusWatcher watcher = new StatusWatcher(kafka)) {
        ArtifactStore store = new LocalArtifactStore(work.resolve("store"));
        Map<String, List<String>> alone = new LinkedHashMap<>();
        long a0 = System.nanoTime();
        for (Path clip : clips) {
          String id = "alone-" + stem(clip);
          ingestor.push(id, clip.toString(), null, null);
          EpisodeStatus end = watcher.await(id, EPISODE_TIMEOUT, s -> {}).orElseThrow(
              () -> new IllegalStateException(id + " did not finish in " + EPISODE_TIMEOUT));
          if (end.getState() == EpisodeState.FAILED) {
            throw new IllegalStateException(id + " ended " + end.getState() + ": " + end.getReason());
          }
          alone.put(clip.toString(), signature(store, id));
        }
        System.out.printf(Locale.ROOT, "%d clips run alone, one after the other, in %.1f s%n", clips.size(),
            (System.nanoTime() - a0) / 1e9);

        List<String[]> pushed = new ArrayList<>();  // id, location
        for (int i = 0; i < episodes - 2; i++) {
          Path clip = clips.get(i % clips.size());
          pushed.add(new String[] {String.format(Locale.ROOT, "ep%02d-%s", i + 1, stem(clip)), clip.toString()});
        }
        pushed.add(new String[] {String.format(Locale.ROOT, "ep%02d-not-a-video", episodes - 1), notVideo.toString()});
        pushed.add(new String[] {String.format(Locale.ROOT, "ep%02d-truncated", episodes), truncated.toString()});
        long b0 = System.nanoTime();
        for (String[] e : pushed) {
          ingestor.push(e[0], e[1], null, null);
        }
        System.out.printf(Locale.ROOT, "%d episodes pushed at once%n", pushed.size());
        System.out.printf(Locale.ROOT, "%-34s %-24s %8s  %s%n", "episode", "state", "s (push)", "outputs vs its run alone");
        boolean ok = true;
        int ended = 0;
        for (String[] e : pushed) {
          Optional<EpisodeStatus> end = watcher.await(e[0], EPISODE_TIMEOUT, s -> {});
          double s = (System.nanoTime() - b0) / 1e9;
          String verdict;
          boolean bad = !alone.containsKey(e[1]);
          if (end.isEmpty()) {
            verdict = "NOT FINISHED in " + EPISODE_TIMEOUT;
            ok = false;
          } else if (bad) {
            boolean failed = end.get().getState() == EpisodeState.FAILED;
            ok &= failed;
            verdict = (failed ? "failed as it should: " : "SHOULD HAVE FAILED: ") + end.get().getReason();
          } else if (end.get().getState() == EpisodeState.FAILED) {
            verdict = "FAILED: " + end.get().getReason();
            ok = false;
          } else {
            List<String> got = signature(store, e[0]);
            boolean same = got.equals(alone.get(e[1]));
            ok &= same;
            verdict = (same ? "identical: " : "DIFFERENT: ") + count(got, "face ") + " faces, "
                + count(got, "track ") + " tracks, " + count(got, "identity ") + " identities";
          }
          System.out.printf(Locale.ROOT, "%-34s %-24s %8.1f  %s%n", e[0],
              end.map(x -> x.getState().toString()).orElse("-"), s, verdict);
          if (++ended == 3) {
            Process victim = processes.get("embed-1");
            victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            start("embed-4");
            System.out.printf(Locale.ROOT, "  (at %.1f s: embed-1, pid %d, killed with SIGKILL; embed-4 started)%n",
                (System.nanoTime() - b0) / 1e9, victim.pid());
          }
        }
        System.out.printf(Locale.ROOT, "all %d episodes ended %.1f s after the push%n", pushed.size(),
            (System.nanoTime() - b0) / 1e9);
        Thread.sleep(5_000); // one more sample of the drained lags
        print(sampler);
        System.out.println((ok ? "PASS" : "FAIL") + ": every good episode identical to its run alone and every bad"
            + " one failed with its reason; series in " + work.resolve("samples.csv"));
        return ok;
      }
    } finally {
      for (Process p : processes.values()) {
        p.destroy();
      }
      for (Process p : processes.values()) {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private void start(String name) throws IOException {
    String service = name.substring(0, name.lastIndexOf('-'));
    List<String> args = new ArrayList<>(List.of("service", service));
    settings.forEach((k, v) -> {
      args.add("--set");
      args.add(k + "=" + v);
    });
    // the packaged launcher, exactly as users run a service (the bench's own class path, with every module's
    // dependencies at once, made the embed processes die with SIGSEGV right after loading their model)
    List<String> command = ParentWatchdog.javaCommand(List.of("-Xmx768m", "-XX:+UseSerialGC"), LAUNCHER_JAR, args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs").resolve(name + ".log").toFile()));
    builder.environment().put("SCREENALYTICS_LOG_LEVEL", "INFO");
    processes.put(name, builder.start());
  }

  private Map<String, Long> pids(BrokerProcesses brokers, LocalCluster cluster) {
    Map<String, Long> pids = new LinkedHashMap<>();
    brokers.pids().forEach((id, pid) -> pids.put("broker-" + id, pid));
    cluster.registryProcess().ifPresent(r -> r.pid().ifPresent(pid -> pids.put("registry", pid)));
    processes.forEach((name, p) -> {
      if (p.isAlive()) {
        pids.put(name, p.pid());
      } else if (reportedDead.add(name)) {
        System.out.printf(Locale.ROOT, "  (%s, pid %d, exited with status %d; log %s)%n", name, p.pid(),
            p.exitValue(), work.resolve("logs").resolve(name + ".log"));
      }
    });
    return pids;
  }

  /**
   * What two runs of one clip must share: each face (frame_idx, track_id, box), each track (first and last
   * frame_idx, samples), each identity's screen time; "DUPLICATE face id" when a face id repeats.
   */
  private static List<String> signature(ArtifactStore store, String id) throws IOException {
    StoredEpisode e = new EpisodeManifestReader().read(store, id);
    List<String> lines = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    e.faces().forEach(f -> {
      if (!ids.add(f.faceId())) {
        lines.add("DUPLICATE face id " + f.faceId());
      }
      lines.add(String.format(Locale.ROOT, "face %d %d %s", f.frameIdx(), f.trackId(),
          java.util.Arrays.toString(f.bboxXyxy())));
    });
    e.tracks().forEach(t -> lines.add(String.format(Locale.ROOT, "track %d %d-%d %d", t.trackId(), t.firstFrameIdx(),
        t.lastFrameIdx(), t.samples().size())));
    new EpisodeManifestReader().screenTime(store, id).forEach(st -> lines.add(String.format(Locale.ROOT,
        "identity %s %s %.2f", st.identityId(), st.name(), st.visibleSeconds())));
    return lines;
  }

  private static void print(ProcessSampler sampler) {
    Map<String, Double> peaks = sampler.peaks();
    Map<String, Double> last = sampler.last();
    System.out.printf(Locale.ROOT, "%-40s %10s %10s%n", "series", "peak", "last");
    peaks.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-40s %10.0f %10.0f%n",
        k.startsWith("rss") ? k + " (MB)" : k + " (records)", v, last.getOrDefault(k, 0.0)));
  }

  private static long count(List<String> signature, String prefix) {
    return signature.stream().filter(l -> l.startsWith(prefix)).count();
  }

  private static String stem(Path clip) {
    return clip.getFileName().toString().replaceFirst("\\.mp4$", "").replace('_', '-');
  }
}
