package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-pressure: memory stays bounded when a downstream stage is slower. The decoder runs as its own OS process
 * with a small heap ({@code -Xmx}{@value #DECODER_HEAP}) and a bound of {@value #MAX_IN_FLIGHT} frames in flight;
 * detect-track and assembly run at their defaults in this JVM, and embed is made slow for real:
 * {@code embed.cpu.quota} {@value #EMBED_QUOTA}, so its CPU governor holds it to a tenth of a core (about 5 faces a
 * second), and every face is embedded ({@code detect.embed.every.frames=0}). The 1080p clip (105 frames, about 2 faces a frame) is decoded at stride 1 and published at source size
 * and JPEG quality 100 (about 0.9 MB a frame, 96 MB in all), so the decoder alone needs about 11 s for the episode
 * while embedding takes about 45 s: without the bound some 80 frames would be in flight when the decoder is done.
 *
 * <p>It checks, from the outputs: the frames in flight never exceeded the bound, both as the decoder counted them
 * ({@code frames_in_flight_max}) and as this test reconstructs them from the frames topic (each frame's record
 * timestamp, set when the decoder sent it) against assembly's progress events (their {@code at_ms}), the latter
 * within one progress step ({@value #PROGRESS_STEP} frames); the decoder did wait, never gave up waiting; the
 * episode completed with every published frame embedded; and the decoder ran to the end in its small heap although
 * the frames it published add up to more than the heap: a decoder holding its frames until downstream took them
 * would have run out of memory. Its heap is also read from its own {@code /metrics} endpoint
 * ({@code jvm_memory_used_bytes}, area heap, every 200 ms) and printed with the other figures.
 *
 * <p>Why not a smaller heap: JavaCPP (FFmpeg, OpenCV) refuses to allocate once the process's resident memory exceeds
 * {@code org.bytedeco.javacpp.maxPhysicalBytes}, by default 4 x the maximum heap, and the decoder's resident memory
 * is about 190 MB whatever its heap: at {@code -Xmx48m} (a limit of 185 MB) it fails with "Physical memory usage is
 * too high".
 */
class BackPressureIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static final String EPISODE = "slow-embed";
  private static final int MAX_IN_FLIGHT = 20;
  /** Assembly reports frames_embedded every this many frames: the slack of the test's own reconstruction. */
  private static final int PROGRESS_STEP = io.screenalytics.runtime.status.StatusPublisher.FRAMES_EMBEDDED_EVERY;
  private static final String EMBED_QUOTA = "0.1";
  private static final String DECODER_HEAP = "64m";
  private static final long DECODER_HEAP_BYTES = 64L << 20;

  @TempDir
  static Path dir;

  private static LocalCluster cluster;
  private static KafkaSettings kafka;
  private static final List<WorkerService<?>> services = new ArrayList<>();
  private static Process decoder;
  private static Path decoderLog;
  private static int metricsPort;

  @BeforeAll
  static void start() throws Exception {
    cluster = CLUSTER.cluster();
    Map<String, String> common = new LinkedHashMap<>();
    common.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    common.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
    common.put("store.root", Files.createDirectories(dir.resolve("store")).toString());
    kafka = KafkaSettings.from(Settings.of(common));
    TopicAdmin.provision(kafka);

    Map<String, String> downstream = new LinkedHashMap<>(common);
    downstream.put("embed.cpu.quota", EMBED_QUOTA);
    // every face embedded: with the default cadence (12 source frames) embed would see 1 face in 12 at stride 1
    downstream.put("detect.embed.every.frames", "0");
    Settings settings = Settings.of(downstream);
    services.add(DetectTrackService.create(settings).start());
    services.add(EmbedService.create(settings).start());
    services.add(AssemblyService.create(settings).start());

    metricsPort = freePort();
    Map<String, String> decoderSettings = new LinkedHashMap<>(common);
    decoderSettings.put("decoder.max.in.flight.frames", Integer.toString(MAX_IN_FLIGHT));
    decoderSettings.put("decoder.publish.max.long.side", "0"); // 1920x1080 frames: large enough to matter
    decoderSettings.put("decoder.jpeg.quality", "100");
    decoderSettings.put("decoder.sampling", "exact_stride"); // every frame at stride 1 (fast_stride skips B-frames)
    decoderSettings.put("decoder.metrics.port", Integer.toString(metricsPort));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + DECODER_HEAP, "-XX:+UseSerialGC", "-jar", ServiceProcess.LAUNCHER_JAR.toString(), "service",
        "decoder"));
    decoderSettings.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    decoderLog = dir.resolve("decoder.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(decoderLog.toFile()));
    builder.environment().put("SCREENALYTICS_LOG_LEVEL", "INFO");
    decoder = builder.start();
    awaitReady();
  }

  @AfterAll
  static void stop() throws Exception {
    if (decoder != null && decoder.isAlive()) {
      decoder.destroy();
      if (!decoder.waitFor(20, TimeUnit.SECONDS)) {
        decoder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (decoderLog != null && Files.exists(decoderLog)) { // kept for a look after the run (the temp dir goes)
      Files.copy(decoderLog, Path.of("target", "BackPressureIT-decoder.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
  }

  @Test
  void shouldKeepFramesInFlightUnderTheBoundAndTheDecodersHeapSmallWhileEmbeddingIsSlow() throws Exception {
    Path video = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/facenet_pytorch_video.mp4");
    List<EpisodeStatus> events = new ArrayList<>();
    HeapSampler heap = new HeapSampler(metricsPort);
    Thread sampler = new Thread(heap, "it-heap-sampler");
    sampler.start();
    long t0 = System.nanoTime();
    Optional<EpisodeStatus> end;
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      // When an episode is pushed at stride 1
      ingestor.push(EPISODE, video.toString(), null, 1);
      // waits while status events keep coming (every stage reports progress), so a slower CPU only takes longer
      ProgressWait.Watch watch = ProgressWait.watch(ProgressWait.DEFAULT_STALL, ProgressWait.DEFAULT_CAP, 0);
      do { // in steps, so that a decoder that died fails the test at once
        end = watcher.await(EPISODE, Duration.ofSeconds(5), events::add);
        watch.observe(events.size());
        assertThat(decoder.isAlive()).as("decoder process alive (log: target/BackPressureIT-decoder.log)").isTrue();
      } while (end.isEmpty() && !watch.expired());
    } finally {
      heap.stop();
      sampler.join();
    }
    double episodeSeconds = (System.nanoTime() - t0) / 1e9;

    // Then the episode completed
    assertThat(end).as("episode finished").isPresent();
    assertThat(end.get().getState()).as(end.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
    EpisodeStatus decoded = events.stream().filter(s -> "decoder".equals(s.getStage())
        && s.getState() == EpisodeState.STAGE_COMPLETED).findFirst().orElseThrow();
    Map<String, Double> dc = decoded.getCounters();
    long published = dc.get("frames_published").longValue();
    double waited = dc.get("backpressure_wait_seconds");

    // (the frames in flight, reconstructed from the outputs: each frame's send time against assembly's reports)
    List<ConsumerRecord<String, byte[]>> frames = frames(published);
    List<long[]> progress = new ArrayList<>(); // {at_ms, frames_embedded} of assembly's progress events
    events.stream().filter(s -> "assembly".equals(s.getStage()) && s.getState() == EpisodeState.PROGRESS
            && s.getCounters().containsKey("frames_embedded"))
        .forEach(s -> progress.add(new long[] {s.getAtMs(), s.getCounters().get("frames_embedded").longValue()}));
    long inFlightMax = 0;
    long frameBytes = 0;
    for (int i = 0; i < frames.size(); i++) {
      ConsumerRecord<String, byte[]> f = frames.get(i);
      frameBytes += f.value().length;
      long embedded = 0;
      for (long[] p : progress) {
        if (p[0] <= f.timestamp()) {
          embedded = Math.max(embedded, p[1]);
        }
      }
      inFlightMax = Math.max(inFlightMax, (i + 1) - embedded);
    }
    // (without the bound: the decoder's own work took decode_seconds less the wait; by then assembly had this many)
    long unboundedAt = frames.isEmpty() ? 0
        : frames.get(0).timestamp() + (long) ((dc.get("decode_seconds") - waited) * 1000);
    long embeddedThen = progress.stream().filter(p -> p[0] <= unboundedAt).mapToLong(p -> p[1]).max().orElse(0);
    System.out.printf(Locale.ROOT, "BackPressureIT: %d frames (%.1f MB) published, in flight at most %s (decoder)"
            + " / %d (topics), about %d without the bound; decoder waited %.1f s of %.1f s, episode %.1f s from"
            + " push, %d progress events; decoder heap used at most %.1f MB (old generation %.1f MB) of %s, %d"
            + " samples; assembly %s%n", published, frameBytes / 1e6, dc.get("frames_in_flight_max"), inFlightMax,
        published - embeddedThen, waited, dc.get("decode_seconds"), episodeSeconds, progress.size(),
        heap.peakBytes() / 1e6, heap.peakOldBytes() / 1e6, DECODER_HEAP, heap.samples(), end.get().getCounters());

    // And every frame the decoder published was embedded
    assertThat(frames).hasSize((int) published);
    assertThat(published).as("frames of the 105-frame clip at stride 1").isGreaterThan(90);
    assertThat(end.get().getCounters()).containsEntry("frames_embedded", (double) published)
        .containsEntry("frames", (double) published);
    assertThat(end.get().getCounters().get("faces")).isPositive();

    // And the decoder kept at most the bound in flight, waited for room most of the time, never gave up waiting
    assertThat(decoded.getReason()).as("no backpressure_stall").isNull();
    assertThat(dc.get("frames_in_flight_max")).isEqualTo((double) MAX_IN_FLIGHT);
    assertThat(dc.get("backpressure_stalls")).isZero();
    // (a share, not "most": on a loaded machine the decoder's own work slows as much as embed's; CI once saw
    // 35 s waited of 91 s at load average 22, where a quiet machine waits most of the episode; without the bound
    // the decoder would not wait at all)
    assertThat(waited).as("the decoder waited for embed a good part of the episode")
        .isGreaterThan(0.2 * dc.get("decode_seconds"));
    assertThat(published - embeddedThen).as("frames in flight had the decoder not waited (its own work done)")
        .isGreaterThan(3L * MAX_IN_FLIGHT);

    // And so did the topics: no frame was sent while the bound was in flight (within one report of assembly)
    assertThat(progress).as("assembly's progress events").hasSizeGreaterThanOrEqualTo((int) (published / 16));
    assertThat(inFlightMax).as("frames in flight seen from the topics")
        .isBetween((long) MAX_IN_FLIGHT - PROGRESS_STEP, (long) MAX_IN_FLIGHT + PROGRESS_STEP);

    // And the decoder ran in its small heap, though its frames add up to more than it
    assertThat(decoder.isAlive()).as("decoder process alive").isTrue();
    assertThat(Files.readString(decoderLog)).doesNotContain("OutOfMemoryError");
    assertThat(heap.samples()).as("heap samples from the decoder's /metrics").isGreaterThan(10);
    assertThat(heap.peakBytes()).isPositive(); // heap used, garbage included: under the cap by construction
    assertThat(frameBytes).as("bytes of the frames published, more than the decoder's heap")
        .isGreaterThan(DECODER_HEAP_BYTES);
  }

  /** The episode's records on the frames topic, in order (one partition: keyed by episode id). */
  private static List<ConsumerRecord<String, byte[]>> frames(long expected) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", cluster.bootstrapServers(),
        "key.deserializer", StringDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName(),
        "max.partition.fetch.bytes", 16 << 20))) {
      List<TopicPartition> parts = c.partitionsFor(Topics.FRAMES.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long deadline = System.currentTimeMillis() + ProgressWait.DEFAULT_STALL.toMillis();
      while (out.size() < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (EPISODE.equals(r.key())) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  /** Samples the decoder's heap from its Prometheus endpoint until stopped. */
  private static final class HeapSampler implements Runnable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong peakOld = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    HeapSampler(int port) {
      this.uri = URI.create("http://localhost:" + port + "/metrics");
    }

    @Override
    public void run() {
      while (running.get()) {
        try {
          String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString()).body();
          long heap = 0;
          long old = 0;
          for (String line : body.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
              long v = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
              heap += v;
              if (line.contains("Tenured") || line.contains("Old")) {
                old += v;
              }
            }
          }
          if (heap > 0) {
            peak.accumulateAndGet(heap, Math::max);
            peakOld.accumulateAndGet(old, Math::max);
            samples.incrementAndGet();
          }
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        } catch (IOException | RuntimeException e) {
          // the endpoint is busy or the process is starting: try again
        }
      }
    }

    void stop() {
      running.set(false);
    }

    long peakBytes() {
      return peak.get();
    }

    long peakOldBytes() {
      return peakOld.get();
    }

    long samples() {
      return samples.get();
    }
  }

  /** Waits for the decoder process's {@code /ready}. */
  private static void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://localhost:" + metricsPort + "/ready");
    long deadline = System.currentTimeMillis() + 3 * ProgressWait.DEFAULT_STALL.toMillis();
    while (System.currentTimeMillis() < deadline) {
      assertThat(decoder.isAlive()).as("decoder process (log: %s)", decoderLog).isTrue();
      try {
        if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("decoder not ready within 60 s; log: " + Files.readString(decoderLog));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
