package io.screenalytics.detecttrack.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.micrometer.core.instrument.Timer;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.metrics.Metric;
import io.screenalytics.runtime.metrics.ProcessMetrics;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.image.OpenCvMats;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The episode-state contract on a real broker and registry: a detect-track worker stops in the middle of an
 * episode of the real Hamilton clip, another takes the partition over, and the faces and closed tracks are those of
 * an uninterrupted run (same track ids, face ids, boxes and crops; no frame lost), because the stopped worker's
 * committed offset was held at the episode's first frame and the new one replayed the episode from there. The new
 * owner's step timers (decode, detect, align, track) on the process's metrics count every frame it replayed.
 */
class DetectTrackRebalanceIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static final Logger LOG = LoggerFactory.getLogger(DetectTrackRebalanceIT.class);
  private static final String EPISODE = "rebalance-hamilton";
  private static final String GROUP = "detect-track-rebalance-it";
  private static final int STRIDE = 6;

  private static LocalCluster cluster;
  private static KafkaSettings kafka;
  private static Settings settings;

  @BeforeAll
  static void startCluster() {
    cluster = CLUSTER.cluster();
    Map<String, String> values = new HashMap<>();
    values.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    values.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
    values.put("models.dir", shared().resolve("models").toString());
    values.put("detect.group.id", GROUP);
    values.put("detect.cpu.quota", "1");
    values.put("detect.loop.max.poll.records", "8");
    settings = Settings.of(values);
    kafka = KafkaSettings.from(settings);
    TopicAdmin.provision(kafka);
  }

  @Test
  void shouldReplayTheEpisodeOnTheNewOwnerAndPublishWhatAnUninterruptedRunPublishes() throws Exception {
    // Given the Hamilton clip sampled every 6th frame, and what an uninterrupted worker makes of it
    List<Frame> frames = hamiltonFrames();
    int half = frames.size() / 2;
    ScriptedEpisode.Recorder straight = new ScriptedEpisode.Recorder();
    try (DetectTrackHandlers handlers = new DetectTrackHandlers(DetectTrackConfig.from(settings))) {
      BatchHandler<Frame> handler = handlers.newHandler();
      for (int i = 0; i < frames.size(); i++) {
        handler.handle(List.of(ScriptedEpisode.delivery(frames.get(i), i, 0)), straight);
      }
    }
    Map<String, Object> expectedFaces = straight.latest(Topics.FACES);
    Map<Integer, ClosedTrack> expectedTracks = DetectTrackHandlerTest.byTrackId(straight.values(Topics.TRACKS));
    assertThat(expectedFaces).hasSize(frames.size());
    assertThat(expectedTracks).hasSizeGreaterThanOrEqualTo(3);

    // When a first worker processes the first half of the episode and stops
    publish(frames.subList(0, half));
    WorkerService<?> first = DetectTrackService.create(settings).start();
    try {
      List<Object> firstBatches = await(Topics.FACES, out -> out.size() >= half);
      assertThat(firstBatches).hasSize(half);
    } finally {
      first.close();
    }
    // Then it committed the episode's first frame, not the frames it processed
    TopicPartition partition = partitionOf(EPISODE);
    assertThat(committed(partition)).isEqualTo(0L);

    // When the rest arrives and a second worker takes the partition over
    publish(frames.subList(half, frames.size()));
    WorkerService<?> second = DetectTrackService.create(settings).start();
    List<Object> faceRecords;
    List<Object> trackRecords;
    try {
      faceRecords = await(Topics.FACES, out -> out.size() >= half + frames.size()
          && out.stream().anyMatch(v -> ((FaceBatch) v).getTotals() != null));
      trackRecords = await(Topics.TRACKS,
          out -> DetectTrackHandlerTest.byTrackId(out).keySet().containsAll(expectedTracks.keySet()));
      // And its handler timed every step of every frame it processed, on the process's metrics
      assertStepTimers(frames.size());
    } finally {
      second.close();
    }

    // Then the first half was published twice (replayed), every frame is there, and the latest record of every
    // key equals the uninterrupted run's: same track ids, face ids, boxes, scores and crops
    Map<String, Object> faces = new LinkedHashMap<>();
    faceRecords.forEach(v -> faces.put(EPISODE + ":" + ((FaceBatch) v).getFrameIdx(), avro4108((FaceBatch) v)));
    assertThat(faceRecords).hasSize(half + frames.size());
    assertThat(faces.keySet()).isEqualTo(expectedFaces.keySet());
    assertThat(faces.keySet().stream().filter(k -> !faces.get(k).equals(avro4108((FaceBatch) expectedFaces.get(k))))
        .toList()).as("frames whose face batch differs from the uninterrupted run's").isEmpty();
    Map<Integer, ClosedTrack> tracks = DetectTrackHandlerTest.byTrackId(trackRecords);
    assertThat(tracks).isEqualTo(expectedTracks);
    assertThat(trackRecords).allSatisfy(t -> assertThat(t).isEqualTo(expectedTracks.get(((ClosedTrack) t).getTrackId())));
    assertThat(committed(partition)).isEqualTo(partitionEnd(partition));
    LOG.info("{} frames, {} faces, tracks {}; replayed {} frames on the new owner", frames.size(),
        ((FaceBatch) faces.get(EPISODE + ":" + frames.get(frames.size() - 1).getFrameIdx())).getTotals().getFaces(),
        tracks.keySet(), half);
  }

  /**
   * Asserts that the running service's {@code decode}, {@code detect}, {@code align} and {@code track} timers
   * each have one sample per frame processed, at least {@code frames} (more if a rebalance made it replay some),
   * and logs their means.
   */
  private static void assertStepTimers(int frames) {
    List<String> steps = List.of("decode", "detect", "align", "track");
    Map<String, Timer> timers = new LinkedHashMap<>();
    for (String step : steps) {
      Timer timer = ProcessMetrics.registry().find(Metric.STAGE_LATENCY.meterName())
          .tags("service", DetectTrackService.NAME, "step", step).timer();
      assertThat(timer).as(step).isNotNull();
      timers.put(step, timer);
    }
    long count = timers.get("detect").count();
    assertThat(count).isGreaterThanOrEqualTo(frames);
    timers.forEach((step, timer) -> {
      assertThat(timer.count()).as(step).isEqualTo(count);
      assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(step).isPositive();
    });
    Map<String, String> means = new LinkedHashMap<>();
    timers.forEach((step, timer) -> means.put(step, String.format("%.2f ms (max %.2f)",
        timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS))));
    LOG.info("step timers over {} frames, mean per frame: {}", count, means);
  }

  /**
   * The batch with its totals' scene-cut times rounded to float: Avro 1.12.0 reads {@code array<double>} into a
   * {@code PrimitivesArrays.DoubleArray} whose {@code add(Double)} stores {@code floatValue()} (AVRO-4108, fixed
   * upstream), so scene-cut times come back from Kafka with float precision.
   */
  private static FaceBatch avro4108(FaceBatch b) {
    if (b.getTotals() == null) {
      return b;
    }
    List<Double> cuts = b.getTotals().getSceneCuts().stream().map(t -> (double) t.floatValue()).toList();
    return FaceBatch.newBuilder(b).setTotals(EpisodeTotals.newBuilder(b.getTotals()).setSceneCuts(cuts).build()).build();
  }

  /** Every 6th frame of the clip as the decoder publishes it (JPEG q90, scene cuts flagged by a coarse test). */
  private static List<Frame> hamiltonFrames() throws Exception {
    Path clip = shared().resolve("media/video/short_hamilton_clip.mp4");
    assertThat(clip).exists();
    List<BgrImage> images = new ArrayList<>();
    List<Double> times = new ArrayList<>();
    List<Long> indices = new ArrayList<>();
    double fps;
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile());
         OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
      grabber.setVideoOption("threads", "1");
      grabber.start();
      fps = grabber.getFrameRate();
      long index = 0;
      for (org.bytedeco.javacv.Frame f; (f = grabber.grabImage()) != null; index++) {
        if (index % STRIDE == 0) {
          images.add(OpenCvMats.fromMat(converter.convert(f)));
          times.add(f.timestamp / 1e6);
          indices.add(index);
        }
      }
      grabber.stop();
    }
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      BgrImage image = images.get(i);
      boolean last = i == images.size() - 1;
      frames.add(Frame.newBuilder()
          .setEpisodeId(EPISODE).setFrameIdx(indices.get(i)).setTs(times.get(i))
          .setWidth(image.width()).setHeight(image.height())
          .setSourceWidth(image.width()).setSourceHeight(image.height())
          .setImage(ByteBuffer.wrap(ImageOps.encodeJpeg(image, 90)))
          .setSceneCut(i > 0 && meanAbsDifference(images.get(i - 1), image) > 25)
          .setIsLast(last).setFps(fps).setStride(STRIDE)
          .setFramesPublished(last ? images.size() : 0).setDurationS(last ? times.get(i) + STRIDE / fps : 0)
          .build());
    }
    LOG.info("{} frames, scene cuts before {}", frames.size(),
        frames.stream().filter(Frame::getSceneCut).map(Frame::getFrameIdx).toList());
    return frames;
  }

  private static double meanAbsDifference(BgrImage a, BgrImage b) {
    long sum = 0;
    byte[] x = a.bgr();
    byte[] y = b.bgr();
    for (int i = 0; i < x.length; i += 7) {
      sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
    }
    return sum / (x.length / 7.0);
  }

  private static void publish(List<Frame> frames) {
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "rebalance-it")) {
      frames.forEach(f -> emitter.send(Topics.FRAMES, EPISODE, f));
      emitter.flush();
    }
  }

  /** Reads the episode's records of {@code topic} from the start until {@code done} holds, while records arrive. */
  private static List<Object> await(io.screenalytics.schemas.Topic<?, ?> topic, Predicate<List<Object>> done)
      throws InterruptedException {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, kafka.valueDeserializer());
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
    List<Object> out = new ArrayList<>();
    try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
          .map(i -> new TopicPartition(topic.name(), i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      // reads while records keep coming: gives up after a stall, not after a fixed time
      ProgressWait.await(topic.name() + " records of " + EPISODE, () -> {
        for (ConsumerRecord<String, Object> r : c.poll(Duration.ofMillis(200))) {
          if (r.key().startsWith(EPISODE)) {
            out.add(r.value());
          }
        }
        return done.test(out);
      }, out::size, () -> out.size() + " records");
    }
    return out;
  }

  private static TopicPartition partitionOf(String key) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = c.partitionsFor(Topics.FRAMES.name()).stream()
          .map(i -> new TopicPartition(Topics.FRAMES.name(), i.partition())).toList();
      Map<TopicPartition, Long> ends = c.endOffsets(parts);
      return ends.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst().orElseThrow();
    }
  }

  private static long partitionEnd(TopicPartition tp) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      return c.endOffsets(List.of(tp)).get(tp);
    }
  }

  private static Long committed(TopicPartition tp) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      OffsetAndMetadata o = c.committed(Set.of(tp)).get(tp);
      return o == null ? null : o.offset();
    }
  }

  private static Path shared() {
    String prop = System.getProperty("screenalytics.shared");
    Path dir = prop == null || prop.isBlank() ? Path.of("..", "..", "shared") : Path.of(prop);
    assertThat(Files.isDirectory(dir.resolve("models"))).as("shared data at " + dir.toAbsolutePath()).isTrue();
    return dir.toAbsolutePath().normalize();
  }
}
