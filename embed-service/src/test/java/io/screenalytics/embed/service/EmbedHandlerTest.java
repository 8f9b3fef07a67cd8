package io.screenalytics.embed.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.embed.testing.Degrade;
import io.screenalytics.embed.testing.RealFaces;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.ThreadOwnership;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.metrics.Metric;
import io.screenalytics.runtime.metrics.ServiceMetrics;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EmbeddedFace;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.embed.DegenerateEmbeddingException;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.model.InferenceException;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.quality.QualityMeasures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handler over real aligned faces with the real embedder, without a broker. */
class EmbedHandlerTest {

  private static List<RealFaces.Face> faces;
  private static FaceEmbedder embedder;

  @BeforeAll
  static void realFaces() {
    faces = RealFaces.of(List.of("faces/face_recognition/examples/obama.jpg",
        "faces/face_recognition/examples/biden.jpg", "faces/deepface/img8.jpg", "faces/deepface/img16.jpg",
        "faces/deepface/img1.jpg", "faces/deepface/img13.jpg", "faces/deepface/img20.jpg",
        "faces/deepface/img22.jpg", "faces/deepface/img24.jpg", "faces/deepface/img3.jpg"));
    assertThat(faces).hasSizeGreaterThanOrEqualTo(10);
    embedder = FaceEmbedder.open(RealFaces.models(), ModelCatalog.FR_FEATURE, SessionSettings.cpu(2), 8);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Test
  void shouldEmbedAllFacesOfSeveralFramesInFewCallsAndKeepOneOutputPerFrame() throws Exception {
    // Given 5 frames holding 10 real faces (1, 2, 3, 1, 3), one of them darkened, one with a low detector score
    List<DetectedFace> detected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      RealFaces.Face f = faces.get(i);
      byte[] crop = i == 4 ? Degrade.dark(f.crop(), 0.05) : f.crop();
      detected.add(RealFaces.detected("ep:" + i, i, crop, i == 7 ? 0.3f : f.detScore(),
          QualityMeasures.measure(crop, 112, 112), f.bbox(), f.landmarks()));
    }
    List<Delivery<FaceBatch>> poll = frames(detected, new int[] {1, 2, 3, 1, 3});
    EmbedStats stats = new EmbedStats();
    EmbedHandler handler = new EmbedHandler(config(), EmbedHandler.Embedder.of(embedder), stats);
    List<Sent> sent = new ArrayList<>();
    List<EpisodeStatus> statuses = new ArrayList<>();
    long runsBefore = embedder.modelRuns();

    // When one poll is handled
    handler.handle(poll, collect(sent, statuses));

    // Then 8 faces passed the gate and went through 1 call (max batch 8), not 5 (per frame) or 8 (per face)
    assertThat(embedder.modelRuns() - runsBefore).isEqualTo(1);
    assertThat(stats.snapshot()).containsEntry("embedded", 8L).containsEntry("model.calls", 1L)
        .containsEntry("frames", 5L).containsEntry("faces", 10L);
    // And one output per input frame, in order, keyed by episode, with every face id of its frame
    assertThat(sent).hasSize(5);
    assertThat(sent).allSatisfy(s -> {
      assertThat(s.topic()).isEqualTo(Topics.EMBEDDINGS);
      assertThat(s.key()).isEqualTo("ep");
    });
    List<EmbeddedFace> out = sent.stream().flatMap(s -> s.value().getFaces().stream()).toList();
    assertThat(sent.stream().map(s -> s.value().getFrameIdx()).toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(out.stream().map(EmbeddedFace::getFaceId).toList())
        .containsExactlyElementsOf(detected.stream().map(DetectedFace::getFaceId).toList());
    // And the gated faces carry their reason and no vector; the others a unit vector equal to a lone embedding
    assertThat(out.get(4).getSkipReason()).isEqualTo("contrast<8.0");
    assertThat(out.get(7).getSkipReason()).isEqualTo("det_score<0.6");
    for (int i = 0; i < 10; i++) {
      EmbeddedFace f = out.get(i);
      if (i == 4 || i == 7) {
        assertThat(f.getEmbedding()).isNull();
        continue;
      }
      float[] v = AvroValues.floats(f.getEmbedding());
      assertThat(f.getSkipReason()).isNull();
      assertThat(Embeddings.norm(v)).isCloseTo(1.0, offset(1e-5));
      assertThat(Embeddings.maxAbsDiff(v, embedder.embed(faces.get(i).crop()))).isLessThan(1e-4f);
      assertThat(f.getThumbnailJpeg()).isNotNull();
    }
    // And one progress event for the episode first seen, with this worker's counts
    assertThat(statuses).singleElement().satisfies(st -> {
      assertThat(st.getStage()).isEqualTo("embed");
      assertThat(st.getState()).isEqualTo(EpisodeState.PROGRESS);
      assertThat(st.getEpisodeId()).isEqualTo("ep");
      assertThat(st.getCounters()).containsEntry("frames", 5.0).containsEntry("faces", 8.0)
          .containsEntry("faces_skipped", 2.0);
    });
  }

  @Test
  void shouldNotEmbedFacesDetectTrackDidNotMarkForEmbedding() throws Exception {
    // Given three faces in three frames, the middle one between its track's cadence points
    List<DetectedFace> detected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      DetectedFace d = faces.get(i).toDetected("ep:" + i, i);
      d.setEmbed(i != 1);
      detected.add(d);
    }
    EmbedStats stats = new EmbedStats();
    EmbedHandler handler = new EmbedHandler(config(), EmbedHandler.Embedder.of(embedder), stats);
    List<Sent> sent = new ArrayList<>();
    long runsBefore = embedder.modelRuns();

    // When
    handler.handle(frames(detected, new int[] {1, 1, 1}), collect(sent, new ArrayList<>()));

    // Then the marked two were embedded in one call; the other carries the reason, no vector, and is still output
    assertThat(embedder.modelRuns() - runsBefore).isEqualTo(1);
    assertThat(stats.snapshot()).containsEntry("embedded", 2L);
    List<EmbeddedFace> out = sent.stream().flatMap(s -> s.value().getFaces().stream()).toList();
    assertThat(out).hasSize(3);
    assertThat(out.get(1).getSkipReason()).isEqualTo(EmbedHandler.CADENCE);
    assertThat(out.get(1).getEmbedding()).isNull();
    assertThat(out.get(0).getEmbedding()).isNotNull();
    assertThat(out.get(2).getEmbedding()).isNotNull();
  }

  @Test
  void shouldMarkAZeroNormEmbeddingAndStillEmbedTheRestOfThePoll() throws Exception {
    // Given an embedder whose output for the second crop of the poll is degenerate
    List<DetectedFace> detected = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      detected.add(faces.get(i).toDetected("ep:" + i, i));
    }
    AtomicBoolean failed = new AtomicBoolean();
    EmbedHandler.Embedder flaky = new EmbedHandler.Embedder() {
      @Override
      public float[][] embed(List<byte[]> crops) {
        if (failed.compareAndSet(false, true)) {
          throw new DegenerateEmbeddingException(1, "norm is 0.0");
        }
        return embedder.embed(crops);
      }

      @Override
      public long modelRuns() {
        return embedder.modelRuns();
      }

      @Override
      public String modelName() {
        return "fr_feature";
      }
    };
    EmbedStats stats = new EmbedStats();
    EmbedHandler handler = new EmbedHandler(config(), flaky, stats);
    List<Sent> sent = new ArrayList<>();

    handler.handle(frames(detected, new int[] {2, 2}), collect(sent));

    List<EmbeddedFace> out = sent.stream().flatMap(s -> s.value().getFaces().stream()).toList();
    assertThat(out).extracting(EmbeddedFace::getSkipReason).containsExactly(null, EmbedHandler.ZERO_NORM, null, null);
    assertThat(out.get(1).getEmbedding()).isNull();
    assertThat(Embeddings.maxAbsDiff(AvroValues.floats(out.get(2).getEmbedding()), embedder.embed(faces.get(2).crop())))
        .isLessThan(1e-4f);
    assertThat(stats.snapshot()).containsEntry("skipped." + EmbedHandler.ZERO_NORM, 1L).containsEntry("embedded", 3L);
  }

  @Test
  void shouldTimeTheGateOncePerFrameAndTheModelOncePerRunWhenTheServiceMetricsRun() {
    // Given the service's metrics running (on a registry of the test's own) when the handler is made, and 10 real
    // faces in 4 frames: more than the embedder's 8 crops per run, so the one embedder call makes 2 runs
    List<DetectedFace> detected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      detected.add(faces.get(i).toDetected("ep:" + i, i));
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (CpuGovernor governor = new CpuGovernor(new ThreadOwnership(EmbedService.NAME, null),
             CpuGovernor.Config.of(1.0, false));
         ServiceMetrics metrics = new ServiceMetrics(registry, EmbedService.NAME, governor, () -> 0L, () -> true)) {
      EmbedStats stats = new EmbedStats();
      EmbedHandler handler = new EmbedHandler(config(), EmbedHandler.Embedder.of(embedder), stats);
      long runsBefore = embedder.modelRuns();

      // When it handles one poll
      handler.handle(frames(detected, new int[] {3, 3, 1, 3}), collect(new ArrayList<>()));

      // Then the gate has one sample per frame and the model one per run
      long runs = embedder.modelRuns() - runsBefore;
      assertThat(runs).isEqualTo(2);
      assertThat(stats.snapshot()).containsEntry("model.calls", runs);
      Timer quality = stage(registry, "quality");
      Timer embed = stage(registry, "embed");
      assertThat(quality.count()).isEqualTo(4);
      assertThat(embed.count()).isEqualTo(runs);
      assertThat(embed.totalTime(TimeUnit.NANOSECONDS)).isPositive()
          .isLessThanOrEqualTo(stats.snapshot().get("embed.nanos"));
      assertThat(quality.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }
  }

  private static Timer stage(SimpleMeterRegistry registry, String step) {
    Timer timer = registry.find(Metric.STAGE_LATENCY.meterName()).tags("service", EmbedService.NAME, "step", step)
        .timer();
    assertThat(timer).as(step).isNotNull();
    return timer;
  }

  @Test
  void shouldPropagateOtherModelFailuresSoTheLoopRetries() {
    EmbedHandler.Embedder broken = new EmbedHandler.Embedder() {
      @Override
      public float[][] embed(List<byte[]> crops) {
        throw new InferenceException("session failed");
      }

      @Override
      public long modelRuns() {
        return 0;
      }

      @Override
      public String modelName() {
        return "fr_feature";
      }
    };
    EmbedHandler handler = new EmbedHandler(config(), broken, new EmbedStats());
    List<Sent> sent = new ArrayList<>();
    assertThatThrownBy(() -> handler.handle(frames(List.of(faces.get(0).toDetected("ep:0", 0)), new int[] {1}),
        collect(sent))).isInstanceOf(InferenceException.class);
    assertThat(sent).isEmpty();
  }

  @Test
  void shouldReplaceAFaceBatchGivenUpAfterCrashesWithItsFacesSkippedAndItsTotalsKept() {
    // Given the episode's last frame (totals on it), given up by the loop after the process died on it
    FaceBatch last = FaceBatch.newBuilder(frames(List.of(faces.get(0).toDetected("ep:0:0", 1),
        faces.get(1).toDetected("ep:0:1", 2)), new int[] {2}).get(0).value())
        .setTotals(io.screenalytics.schemas.EpisodeTotals.newBuilder().setFrames(1).setFaces(2).setTracks(2)
            .setDurationS(0.2).setFps(30).setStride(6).build())
        .build();
    List<Sent> sent = new ArrayList<>();
    long runsBefore = embedder.modelRuns();
    EmbedStats stats = new EmbedStats();
    EmbedHandler handler = new EmbedHandler(config(), EmbedHandler.Embedder.of(embedder), stats);

    // When the handler is told
    handler.onCrashed(new Delivery<>("ep:0", last, new ConsumerRecord<>(Topics.FACES.name(), 0, 0, null, null)),
        "crashed: the process stopped 3 times", collect(sent));

    // Then the frame is published without touching its crops: every face skipped as crashed, the totals on it
    assertThat(embedder.modelRuns()).isEqualTo(runsBefore);
    assertThat(sent).singleElement().satisfies(s -> {
      assertThat(s.key()).isEqualTo("ep");
      assertThat(s.value().getTotals()).isEqualTo(last.getTotals());
      assertThat(s.value().getFaces()).extracting(EmbeddedFace::getFaceId).containsExactly("ep:0:0", "ep:0:1");
      assertThat(s.value().getFaces()).allSatisfy(f -> {
        assertThat(f.getSkipReason()).isEqualTo(EmbedHandler.CRASHED);
        assertThat(f.getEmbedding()).isNull();
        assertThat(f.getThumbnailJpeg()).isNull();
      });
    });
    assertThat(stats.snapshot()).containsEntry("skipped." + EmbedHandler.CRASHED, 2L);
  }

  private static EmbedConfig config() {
    return EmbedConfig.from(Settings.of(Map.of("embed.max.batch", "8")));
  }

  /** Frames of episode {@code ep}, frame i holding the next {@code sizes[i]} faces. */
  static List<Delivery<FaceBatch>> frames(List<DetectedFace> faces, int[] sizes) {
    List<Delivery<FaceBatch>> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < sizes.length; i++) {
      FaceBatch b = FaceBatch.newBuilder().setEpisodeId("ep").setFrameIdx(i).setTs(i * 0.2)
          .setFaces(faces.subList(next, next + sizes[i])).build();
      next += sizes[i];
      out.add(new Delivery<>("ep:" + i, b, new ConsumerRecord<>(Topics.FACES.name(), 0, i, null, null)));
    }
    return out;
  }

  record Sent(Topic<?, ?> topic, String key, FaceEmbeddings value) {}

  static Emitter collect(List<Sent> sent) {
    return collect(sent, new ArrayList<>());
  }

  /** Collects the embeddings in {@code sent} and the status events in {@code statuses}. */
  static Emitter collect(List<Sent> sent, List<EpisodeStatus> statuses) {
    return new Emitter() {
      @Override
      public <V> void send(Topic<String, V> topic, String key, V value) {
        if (value instanceof EpisodeStatus s) {
          assertThat(topic).isEqualTo(Topics.STATUS);
          statuses.add(s);
        } else {
          sent.add(new Sent(topic, key, (FaceEmbeddings) value));
        }
      }

      @Override
      public void flush() {}
    };
  }

}
