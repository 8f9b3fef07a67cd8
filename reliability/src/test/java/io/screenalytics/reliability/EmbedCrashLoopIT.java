package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.cluster.RawRecords;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.DeadLetterPublisher;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.RecordAttempts;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceQuality;
import io.screenalytics.schemas.TrackSample;
import io.screenalytics.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash containment per face batch with the embed service as a real OS process: a face batch that crashes the embed
 * JVM every time it is processed. The crash is HotSpot's own fault injection ({@code -XX:AbortVMOnException} with a
 * message filter): when the embedder refuses the poisoned face's 56x56 crop, the VM aborts with a fatal error report
 * instead of throwing, no shutdown hook, no commit, no flush, exactly where a native crash on that input would strike
 * (without the flag the loop's per-record retries would dead-letter it as {@code handle}). The test restarts the
 * process after each death, as a supervisor would. Two episodes come from detect-track's output on (face batches,
 * a track, the totals, produced by the test), the good one queued behind the poison in its faces partition; assembly
 * runs in this JVM and completes them.
 */
class EmbedCrashLoopIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static final Logger LOG = LoggerFactory.getLogger(EmbedCrashLoopIT.class);
  private static final String POISONED = "embed-poisoned";
  private static final String GOOD = "embed-good";
  private static final int FRAMES = 12;
  private static final int STRIDE = 6;
  private static final double FPS = 30;
  /** The embedder's refusal of a crop of the wrong size; the embed JVM aborts on it. */
  private static final String POISON_MESSAGE = "must be a 112x112";
  private static final String EMBED_GROUP = "screenalytics-" + EmbedService.NAME;

  @TempDir
  static Path dir;

  private static KafkaSettings kafka;
  private static ServiceProcess embed;
  private static WorkerService<?> assembly;

  @BeforeAll
  static void start() throws Exception {
    LocalCluster cluster = CLUSTER.cluster();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    settings.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
    settings.put("store.root", Files.createDirectories(dir.resolve("store")).toString());
    // a dead member's partitions move after this (the clients' default is 45 s; 6 s is the brokers' least)
    settings.put("kafka.session.timeout.ms", "6000");
    kafka = KafkaSettings.from(Settings.of(settings));
    TopicAdmin.provision(kafka);
    assembly = AssemblyService.create(Settings.of(settings)).start();
    embed = new ServiceProcess("embed", settings, dir, List.of("-XX:+UnlockDiagnosticVMOptions",
        "-XX:AbortVMOnException=java.lang.IllegalArgumentException",
        "-XX:AbortVMOnExceptionMessage=" + POISON_MESSAGE, "-XX:-CreateCoredumpOnCrash",
        "-XX:ErrorFile=" + dir.resolve("hs_err_embed_%p.log"))).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (embed != null) {
      embed.close();
    }
    if (assembly != null) {
      assembly.close();
    }
  }

  @Test
  void shouldDeadLetterAFaceBatchThatKillsEmbedThreeTimesAndCompleteBothEpisodes() throws Exception {
    // Given the poisoned episode, one of whose face batches has a crop the embedder refuses (the embed JVM dies on
    // it), in a faces partition that holds later frames of that episode and frames of the good one
    int faces = Topics.FACES.partitions();
    int poisonFrame = poisonFrame(faces);
    TopicPartition poisoned = new TopicPartition(Topics.FACES.name(), partition(key(POISONED, poisonFrame), faces));
    LOG.info("poisoned face batch {}:{} on {}", POISONED, poisonFrame, poisoned);
    List<Death> deaths = new CopyOnWriteArrayList<>();
    AtomicBoolean supervising = new AtomicBoolean(true);
    long t0 = System.nanoTime();
    Thread supervisor = new Thread(() -> supervise(poisoned, deaths, supervising, t0), "embed-it-supervisor-0");
    long poisonOffset;
    Optional<EpisodeStatus> poisonedEnd;
    Optional<EpisodeStatus> goodEnd;
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka);
         Admin admin = Admin.create(kafka.clientProperties())) {
      supervisor.start();
      ingestor.push(POISONED, FaultedEpisode.hamiltonClip().toString(), null, STRIDE);
      ingestor.push(GOOD, FaultedEpisode.hamiltonClip().toString(), null, STRIDE);
      poisonOffset = end(admin, poisoned) + frameCountBefore(POISONED, poisonFrame, poisoned, faces);
      try (KafkaEmitter out = new KafkaEmitter(kafka, "embed-it")) {
        publishEpisode(out, POISONED, poisonFrame);
        publishEpisode(out, GOOD, -1);
      }

      // When embed dies on it and is started again each time
      poisonedEnd = watcher.awaitWhileProgressing(POISONED, s -> { });
      long poisonedS = seconds(t0);
      goodEnd = watcher.awaitWhileProgressing(GOOD, s -> { });
      LOG.info("{} ended {} s after the test started, {} {} s", POISONED, poisonedS, GOOD, seconds(t0));

      // Then embed's committed offset passes the poisoned partition's end
      long end = end(admin, poisoned);
      long[] committed = {-1};
      ProgressWait.await("embed's commit at the end of " + poisoned, () -> {
        committed[0] = WorkInFlight.committed(admin, EMBED_GROUP, poisoned);
        return committed[0] == end;
      }, () -> committed[0], Duration.ofSeconds(60), () -> "committed " + committed[0] + ", end " + end);
    } finally {
      supervising.set(false);
      supervisor.join(60_000);
    }

    // And embed died three times (the poll holding the poison, then the poison alone twice), each time with the
    // poison still in flight: the committed offset of its partition at or before it
    LOG.info("embed deaths: {}", deaths);
    assertThat(deaths).hasSize(RecordAttempts.DEFAULT_MAX_ATTEMPTS);
    for (Death d : deaths) {
      assertThat(d.exitCode()).as("a VM abort, not a clean exit").isNotZero();
      assertThat(d.committed()).as("committed offset of %s when embed died", poisoned).isLessThanOrEqualTo(poisonOffset);
      LOG.info("embed died {} s after the test started with the poison in flight: committed offset {} of {}, the"
          + " poison at {} ({} records short of passing it)", d.atS(), d.committed(), poisoned, poisonOffset,
          poisonOffset + 1 - d.committed());
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err_embed_")))
        .as("fatal error reports of the aborted VMs").hasSize(RecordAttempts.DEFAULT_MAX_ATTEMPTS);
    assertThat(embed.isAlive()).isTrue();

    // And the poisoned face batch is on the dead-letter topic with its reason
    List<ConsumerRecord<byte[], byte[]>> dead = RawRecords.read(kafka.bootstrapServers(),
        new TopicPartition(Topics.DEAD_LETTER.name(), 0), 1, ProgressWait.DEFAULT_STALL);
    assertThat(dead).singleElement().satisfies(r -> {
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(key(POISONED, poisonFrame));
      assertThat(header(r, DeadLetterPublisher.H_STAGE)).isEqualTo(RecordAttempts.DEAD_LETTER_STAGE);
      assertThat(header(r, DeadLetterPublisher.H_SERVICE)).isEqualTo(EmbedService.NAME);
      assertThat(header(r, DeadLetterPublisher.H_OFFSET)).isEqualTo(Long.toString(poisonOffset));
      assertThat(header(r, DeadLetterPublisher.H_EXCEPTION_MESSAGE)).startsWith("crashed:").contains("3 times");
    });

    // And both episodes completed, the poisoned one without that face's embedding (skipped as crashed) and every
    // other face embedded
    assertThat(poisonedEnd).isPresent();
    assertThat(poisonedEnd.get().getState()).as(poisonedEnd.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
    assertThat(goodEnd).isPresent();
    assertThat(goodEnd.get().getState()).as(goodEnd.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
    assertThat(skipReasons(POISONED)).hasSize(FRAMES).containsEntry(key(POISONED, poisonFrame) + ":0", "crashed")
        .satisfies(m -> assertThat(m.values().stream().filter(r -> !r.isEmpty())).containsExactly("crashed"));
    assertThat(skipReasons(GOOD)).hasSize(FRAMES).allSatisfy((id, reason) -> assertThat(reason).isEmpty());
  }

  /** A process death the supervisor saw. */
  private record Death(long atS, int exitCode, long committed) {}

  /** Restarts embed whenever it dies, noting the committed offset of {@code tp} at that moment. */
  private static void supervise(TopicPartition tp, List<Death> deaths, AtomicBoolean supervising, long t0) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      while (supervising.get()) {
        if (!embed.isAlive()) {
          deaths.add(new Death(seconds(t0), embed.exitCode(), WorkInFlight.committed(admin, EMBED_GROUP, tp)));
          LOG.info("embed died ({} deaths), starting it again", deaths.size());
          embed.start();
        }
        Thread.sleep(50);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A frame of {@link #POISONED} whose faces partition holds later frames of it and frames of {@link #GOOD}. */
  private static int poisonFrame(int partitions) {
    for (int k = 1; k < FRAMES - 1; k++) {
      int p = partition(key(POISONED, k), partitions);
      boolean laterPoisoned = false;
      boolean good = false;
      for (int f = 0; f < FRAMES; f++) {
        laterPoisoned |= f > k && partition(key(POISONED, f), partitions) == p;
        good |= partition(key(GOOD, f), partitions) == p;
      }
      if (laterPoisoned && good) {
        return k;
      }
    }
    throw new IllegalStateException("no frame of " + POISONED + " shares its partition with later frames and "
        + GOOD + "'s; change the episode ids");
  }

  /** Frames of {@code episodeId} before {@code frame} in {@code tp}: the poison's offset from the partition's end. */
  private static long frameCountBefore(String episodeId, int frame, TopicPartition tp, int partitions) {
    long n = 0;
    for (int f = 0; f < frame; f++) {
      if (partition(key(episodeId, f), partitions) == tp.partition()) n++;
    }
    return n;
  }

  /**
   * Publishes an episode as detect-track does: {@value #FRAMES} face batches of one face each (one track), the
   * totals on the last, and the track; the face of frame {@code poisonFrame} (none when -1) with a 56x56 crop.
   */
  private static void publishEpisode(KafkaEmitter out, String episodeId, int poisonFrame) {
    Random random = new Random(episodeId.hashCode());
    byte[] base = new byte[112 * 112 * 3];
    random.nextBytes(base);
    List<TrackSample> samples = new ArrayList<>();
    for (int f = 0; f < FRAMES; f++) {
      long frameIdx = (long) f * STRIDE;
      double ts = frameIdx / FPS;
      List<Float> box = List.of(100f + f, 80f, 220f + f, 230f);
      boolean poison = f == poisonFrame;
      int side = poison ? 56 : 112;
      byte[] crop = poison ? new byte[side * side * 3] : base.clone();
      if (poison) random.nextBytes(crop);
      crop[f] ^= 1; // no two crops alike
      DetectedFace face = DetectedFace.newBuilder().setFaceId(episodeId + ":" + frameIdx + ":0").setTrackId(1)
          .setBboxXyxy(box).setLandmarks(List.of(130f, 130f, 190f, 130f, 160f, 160f, 135f, 190f, 185f, 190f))
          .setDetScore(0.9f).setQuality(FaceQuality.newBuilder().setContrast(50f).setBlur(200f).build())
          .setCropWidth(side).setCropHeight(side).setCrop(ByteBuffer.wrap(crop)).setEmbed(true).build();
      EpisodeTotals totals = f < FRAMES - 1 ? null : EpisodeTotals.newBuilder().setFrames(FRAMES).setFaces(FRAMES)
          .setTracks(1).setDurationS(FRAMES * STRIDE / FPS).setFps(FPS).setStride(STRIDE)
          .setDetectorModel("yunet_s_dynamic").build();
      out.send(Topics.FACES, key(episodeId, f), FaceBatch.newBuilder().setEpisodeId(episodeId).setFrameIdx(frameIdx)
          .setTs(ts).setFaces(List.of(face)).setTotals(totals).build());
      samples.add(TrackSample.newBuilder().setFrameIdx(frameIdx).setTs(ts).setBboxXyxy(box).setDetScore(0.9f).build());
    }
    out.send(Topics.TRACKS, episodeId, ClosedTrack.newBuilder().setEpisodeId(episodeId).setTrackId(1)
        .setFirstFrameIdx(0).setLastFrameIdx((long) (FRAMES - 1) * STRIDE).setFirstTs(0)
        .setLastTs((FRAMES - 1) * STRIDE / FPS).setSamples(samples).setMeanDetScore(0.9f).setEndReason("episode_end")
        .build());
    out.flush();
  }

  /** Face id -> skip reason ("" when embedded) from the episode's {@code faces.jsonl}. */
  private static Map<String, String> skipReasons(String episodeId) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("store/episodes").resolve(episodeId).resolve("faces.jsonl"))) {
      JsonNode f = json.readTree(line);
      out.put(f.get("face_id").asText(), f.path("skip_reason").isTextual() ? f.get("skip_reason").asText() : "");
    }
    return out;
  }

  private static String key(String episodeId, int frame) {
    return episodeId + ":" + (long) frame * STRIDE;
  }

  private static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private static long seconds(long t0) {
    return (System.nanoTime() - t0) / 1_000_000_000;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static long end(Admin admin, TopicPartition tp) throws Exception {
    return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
  }
}
