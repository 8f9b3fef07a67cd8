package io.screenalytics.detecttrack.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.ThreadOwnership;
import io.screenalytics.runtime.metrics.Metric;
import io.screenalytics.runtime.metrics.ServiceMetrics;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The handler without a broker: outputs, best crops, held-back commits, redelivery and replay after a revocation. */
class DetectTrackHandlerTest {

  private static final int FRAMES = 30;
  private static final TopicPartition P0 = new TopicPartition(Topics.FRAMES.name(), 0);

  private final ScriptedEpisode episode = new ScriptedEpisode("ep1", FRAMES);

  @Test
  void shouldPublishEveryFrameAndCloseTracksWithTheirBestCropsAndQuality() {
    ScriptedEpisode.Recorder out = new ScriptedEpisode.Recorder();
    episode.handler().handle(episode.deliveries(0, FRAMES, 0, 0), out);

    List<FaceBatch> batches = batches(out.values(Topics.FACES));
    assertThat(batches).extracting(FaceBatch::getFrameIdx).containsExactlyElementsOf(range(0, FRAMES));
    assertThat(batches.get(0).getFaces()).extracting(DetectedFace::getTrackId).containsExactly(1, 2);
    assertThat(batches.get(0).getFaces()).extracting(DetectedFace::getFaceId).containsExactly("ep1:0:0", "ep1:0:1");
    assertThat(batches.get(12).getFaces()).extracting(DetectedFace::getTrackId).containsExactly(1);
    assertThat(batches.get(FRAMES - 1).getTotals().getFaces()).isEqualTo(FRAMES + 10);
    assertThat(batches.get(FRAMES - 1).getTotals().getTracks()).isEqualTo(2);

    List<ClosedTrack> tracks = tracks(out.values(Topics.TRACKS));
    assertThat(tracks).extracting(ClosedTrack::getTrackId).containsExactlyInAnyOrder(1, 2);
    ClosedTrack b = tracks.stream().filter(t -> t.getTrackId() == 2).findFirst().orElseThrow();
    assertThat(b.getEndReason()).isEqualTo("lost");
    assertThat(b.getSamples()).hasSize(10);
    ClosedTrack a = tracks.stream().filter(t -> t.getTrackId() == 1).findFirst().orElseThrow();
    assertThat(a.getEndReason()).isEqualTo("episode_end");
    assertThat(a.getSamples()).hasSize(FRAMES);
    // the first event marks the attempt (crash containment), before anything is processed
    assertThat(statuses(out)).containsExactly(EpisodeState.PROGRESS, EpisodeState.STARTED, EpisodeState.PROGRESS,
        EpisodeState.STAGE_COMPLETED);
  }

  /**
   * Chunked decoding: the 30 frames as chunks [0, 12), [12, 24), [24, 30) and a fourth chunk without frames (its end
   * marker), interleaved on the partition as parallel decoders publish them.
   */
  @Test
  void shouldTrackEachChunkOnItsOwnAndEndTheEpisodeOnceEveryChunkHasEnded() {
    int[] starts = {0, 12, 24, 30};
    List<List<Frame>> chunks = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      List<Frame> chunk = new ArrayList<>();
      for (int n = starts[c]; n < starts[c + 1]; n++) {
        chunk.add(Frame.newBuilder(episode.frames.get(n)).setIsLast(false).setFramesPublished(0).setDurationS(0)
            .setChunkIdx(c).setChunkCount(4).setChunkLast(n == starts[c + 1] - 1).setChunkRequestedAtMs(1000)
            .setDurationS(n == starts[c + 1] - 1 ? FRAMES / ScriptedEpisode.FPS : 0).build());
      }
      chunks.add(chunk);
    }
    Frame emptyChunk = Frame.newBuilder().setEpisodeId("ep1").setFrameIdx(-1).setTs(0).setWidth(0).setHeight(0)
        .setSourceWidth(0).setSourceHeight(0).setImage(java.nio.ByteBuffer.allocate(0)).setFps(0).setStride(1)
        .setChunkIdx(3).setChunkCount(4).setChunkLast(true).setChunkRequestedAtMs(1000).build();
    List<Frame> interleaved = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      for (List<Frame> chunk : chunks) {
        if (i < chunk.size()) {
          interleaved.add(chunk.get(i));
        }
      }
      if (i == 3) {
        interleaved.add(emptyChunk);
      }
    }
    List<io.screenalytics.runtime.kafka.Delivery<Frame>> deliveries = new ArrayList<>();
    for (int i = 0; i < interleaved.size(); i++) {
      deliveries.add(ScriptedEpisode.delivery(interleaved.get(i), i, 0));
    }
    ScriptedEpisode.Recorder out = new ScriptedEpisode.Recorder();
    DetectTrackHandler handler = episode.handler();
    handler.handle(deliveries, out);

    // every frame's batch, the totals once, on the last frame delivered (chunk 1's last), after every chunk's frames
    List<FaceBatch> batches = batches(out.values(Topics.FACES));
    assertThat(batches).extracting(FaceBatch::getFrameIdx).containsExactlyInAnyOrderElementsOf(range(0, FRAMES));
    assertThat(batches.subList(0, batches.size() - 1)).allSatisfy(b -> assertThat(b.getTotals()).isNull());
    FaceBatch last = batches.get(batches.size() - 1);
    assertThat(last.getFrameIdx()).isEqualTo(23);
    assertThat(last.getTotals().getFrames()).isEqualTo(FRAMES);
    assertThat(last.getTotals().getFaces()).isEqualTo(FRAMES + 10);
    assertThat(last.getTotals().getDurationS()).isEqualTo(FRAMES / ScriptedEpisode.FPS);
    assertThat(last.getTotals().getChunkFirstFrameIdx()).containsExactly(0L, 12L, 24L, -1L);
    assertThat(last.getTotals().getChunkLastFrameIdx()).containsExactly(11L, 23L, 29L, -1L);
    // face A is tracked afresh in each chunk, face B (frames 0-9, still in the tracker's buffer at frame 11) once;
    // every track closes at its chunk's end; ids unique in the episode
    List<ClosedTrack> tracks = tracks(out.values(Topics.TRACKS));
    assertThat(last.getTotals().getTracks()).isEqualTo(tracks.size());
    assertThat(tracks).extracting(ClosedTrack::getTrackId).doesNotHaveDuplicates().hasSize(4);
    assertThat(tracks).allSatisfy(t -> assertThat(t.getEndReason()).isEqualTo("chunk_end"))
        .extracting(t -> t.getFirstFrameIdx() + "-" + t.getLastFrameIdx())
        .containsExactlyInAnyOrder("0-11", "0-9", "12-23", "24-29");
    assertThat(statuses(out)).filteredOn(s -> s == EpisodeState.STAGE_COMPLETED).hasSize(1);
    assertThat(statuses(out).get(statuses(out).size() - 1)).isEqualTo(EpisodeState.STAGE_COMPLETED);
    assertThat(handler.commitOffset(P0, interleaved.size())).as("the episode ended: nothing held back")
        .isEqualTo(interleaved.size());

    // a chunk decoded again after the episode ended (its decoder died before committing the task) is skipped
    int sentBefore = out.sent.size();
    List<io.screenalytics.runtime.kafka.Delivery<Frame>> repeat = new ArrayList<>();
    for (int i = 0; i < chunks.get(2).size(); i++) {
      repeat.add(ScriptedEpisode.delivery(chunks.get(2).get(i), interleaved.size() + i, 0));
    }
    handler.handle(repeat, out);
    assertThat(out.sent).hasSize(sentBefore);
    long next = interleaved.size() + repeat.size();
    assertThat(handler.commitOffset(P0, next)).as("nothing held back for the repeat").isEqualTo(next);
    // while a new request of the episode (another request time) starts a new session
    handler.handle(List.of(ScriptedEpisode.delivery(Frame.newBuilder(chunks.get(2).get(0)).setChunkRequestedAtMs(2000)
        .build(), next, 0)), out);
    assertThat(batches(out.values(Topics.FACES))).hasSize(batches.size() + 1);
    assertThat(handler.commitOffset(P0, next + 1)).as("the new session holds its first frame").isEqualTo(next);
  }

  @Test
  void shouldMarkEveryFaceForEmbeddingWithoutACadenceAndOnlyCadencePointsWithOne() {
    // Given the scripted episode at stride 1: track A on frames 0-29, track B on frames 0-9, same box sizes
    assertThat(DetectTrackConfig.from(Settings.of(Map.of())).embedEveryFrames())
        .isEqualTo(DetectTrackConfig.DEFAULT_EMBED_EVERY_FRAMES).isEqualTo(12);
    ScriptedEpisode.Recorder every = new ScriptedEpisode.Recorder();
    episode.handler(Map.of("detect.embed.every.frames", "0")).handle(episode.deliveries(0, FRAMES, 0, 0), every);
    ScriptedEpisode.Recorder cadence = new ScriptedEpisode.Recorder();
    new ScriptedEpisode("ep1", FRAMES).handler(Map.of("detect.embed.every.frames", "8"))
        .handle(episode.deliveries(0, FRAMES, 0, 0), cadence);

    // Then with cadence 0 every face is marked; with a cadence of 8 frames, each track's first face and every 8th
    List<DetectedFace> all = batches(every.values(Topics.FACES)).stream().flatMap(b -> b.getFaces().stream()).toList();
    assertThat(all).hasSize(FRAMES + 10).allMatch(DetectedFace::getEmbed);
    List<FaceBatch> batches = batches(cadence.values(Topics.FACES));
    List<String> marked = batches.stream().flatMap(b -> b.getFaces().stream()).filter(DetectedFace::getEmbed)
        .map(DetectedFace::getFaceId).toList();
    assertThat(marked).containsExactly("ep1:0:0", "ep1:0:1", "ep1:8:0", "ep1:8:1", "ep1:16:0", "ep1:24:0");
    assertThat(batches.stream().mapToInt(b -> b.getFaces().size()).sum()).as("every face still published")
        .isEqualTo(FRAMES + 10);
  }

  @Test
  void shouldHoldTheCommittedOffsetAtTheEpisodesFirstFrameUntilItEnds() {
    DetectTrackHandler handler = episode.handler();
    ScriptedEpisode.Recorder out = new ScriptedEpisode.Recorder();

    handler.handle(episode.deliveries(0, 12, 100, 0), out);
    assertThat(handler.commitOffset(P0, 112)).isEqualTo(100);
    assertThat(handler.commitOffset(new TopicPartition(Topics.FRAMES.name(), 1), 7)).isEqualTo(7);

    handler.handle(episode.deliveries(12, FRAMES, 112, 0), out);
    assertThat(handler.commitOffset(P0, 100 + FRAMES)).isEqualTo(100 + FRAMES);
  }

  @Test
  void shouldDropAnEpisodeTheDecoderAbandonedAndLetTheCommitPassIt() {
    DetectTrackHandler handler = episode.handler();
    ScriptedEpisode.Recorder out = new ScriptedEpisode.Recorder();

    // Given frames 0-11 that decoder attempts killed mid-episode published, then the decoder's end marker
    handler.handle(episode.deliveries(0, 12, 100, 0), out);
    int publishedBefore = out.sent.size();
    Frame marker = Frame.newBuilder(episode.frames.get(0)).setFrameIdx(-1).setIsLast(true).setAbandoned(true)
        .build();
    handler.handle(List.of(ScriptedEpisode.delivery(marker, 112, 0)), out);

    // Then the episode holds the commit no longer, and nothing is published for it
    assertThat(handler.commitOffset(P0, 113)).isEqualTo(113);
    assertThat(out.sent).hasSize(publishedBefore);
  }

  @Test
  void shouldSkipRedeliveredRecordsAndFramesPublishedTwice() {
    DetectTrackHandler handler = episode.handler();
    ScriptedEpisode.Recorder out = new ScriptedEpisode.Recorder();

    // Given frames 0-4 at offsets 0-4, then a retry redelivering offsets 3-4 with 5-6
    handler.handle(episode.deliveries(0, 5, 0, 0), out);
    handler.handle(episode.deliveries(3, 7, 3, 0), out);
    // And a restarted decoder publishing frames 5-9 again at new offsets, then the rest
    handler.handle(episode.deliveries(5, FRAMES, 7, 0), out);

    // Then every frame was processed once, in order, and the tracks are those of a clean run
    List<FaceBatch> batches = batches(out.values(Topics.FACES));
    assertThat(batches).extracting(FaceBatch::getFrameIdx).containsExactlyElementsOf(range(0, FRAMES));
    ScriptedEpisode.Recorder clean = new ScriptedEpisode.Recorder();
    episode.handler().handle(episode.deliveries(0, FRAMES, 0, 0), clean);
    assertThat(out.values(Topics.FACES)).isEqualTo(clean.values(Topics.FACES));
    assertThat(out.values(Topics.TRACKS)).isEqualTo(clean.values(Topics.TRACKS));
  }

  @Test
  void shouldReplayAnUnfinishedEpisodeFromItsFirstFrameAfterARevocation() {
    // Given a worker that processed frames 0-16 of the episode (offsets 50-66) and then lost the partition
    DetectTrackHandler first = episode.handler();
    ScriptedEpisode.Recorder out = new ScriptedEpisode.Recorder();
    first.handle(episode.deliveries(0, 17, 50, 0), out);
    long committed = first.commitOffset(P0, 67);
    first.onPartitionsRevoked(List.of(P0), out);
    assertThat(committed).isEqualTo(50);
    // given up in good order: the attempt is released, not counted as a crash
    assertThat(((EpisodeStatus) out.sent.get(out.sent.size() - 1).value()).getCounters())
        .containsKey(EpisodeAttempts.RELEASED);
    int publishedBefore = out.sent.size();

    // When the new owner starts from the committed offset
    DetectTrackHandler second = episode.handler();
    second.handle(episode.deliveries((int) (committed - 50), FRAMES, committed, 0), out);

    // Then the latest record under every key equals an uninterrupted run's: same track ids, face ids, crops
    ScriptedEpisode.Recorder clean = new ScriptedEpisode.Recorder();
    episode.handler().handle(episode.deliveries(0, FRAMES, 50, 0), clean);
    assertThat(out.latest(Topics.FACES)).isEqualTo(clean.latest(Topics.FACES));
    assertThat(byTrackId(out.values(Topics.TRACKS))).isEqualTo(byTrackId(clean.values(Topics.TRACKS)));
    assertThat(out.sent.size()).isGreaterThan(publishedBefore);
    assertThat(second.commitOffset(P0, 50 + FRAMES)).isEqualTo(50 + FRAMES);
  }

  @Test
  void shouldTimeEveryStepOfEveryFrameOnlyWhenTheServiceMetricsRunAtConstruction() {
    // Given a handler made while the service's metrics do not run, and one made while they do
    DetectTrackHandler unmetered = episode.handler();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (CpuGovernor governor = new CpuGovernor(new ThreadOwnership(DetectTrackService.NAME, null),
             CpuGovernor.Config.of(1.0, false));
         ServiceMetrics metrics = new ServiceMetrics(registry, DetectTrackService.NAME, governor, () -> 0L,
             () -> true)) {
      DetectTrackHandler metered = episode.handler();

      // When both handle the episode, the metered one seeing its first 5 frames twice (a redelivery)
      unmetered.handle(episode.deliveries(0, FRAMES, 0, 0), new ScriptedEpisode.Recorder());
      ScriptedEpisode.Recorder out = new ScriptedEpisode.Recorder();
      metered.handle(episode.deliveries(0, 5, 0, 0), out);
      metered.handle(episode.deliveries(0, FRAMES, 0, 0), out);

      // Then every step has one sample per frame processed by the metered handler, and no more
      for (String step : List.of("decode", "detect", "align", "track")) {
        Timer timer = registry.find(Metric.STAGE_LATENCY.meterName())
            .tags("service", DetectTrackService.NAME, "step", step).timer();
        assertThat(timer).as(step).isNotNull();
        assertThat(timer.count()).as(step).isEqualTo(FRAMES);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).as(step).isPositive();
      }
    }
  }

  private static List<Long> range(int from, int to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  static List<FaceBatch> batches(List<Object> values) {
    return values.stream().map(FaceBatch.class::cast).toList();
  }

  static List<ClosedTrack> tracks(List<Object> values) {
    return values.stream().map(ClosedTrack.class::cast).toList();
  }

  /** Closed tracks by id, the last one published winning (assembly de-duplicates the same way). */
  static Map<Integer, ClosedTrack> byTrackId(List<Object> values) {
    Map<Integer, ClosedTrack> out = new TreeMap<>();
    tracks(values).forEach(t -> out.put(t.getTrackId(), t));
    return out;
  }

  private static List<EpisodeState> statuses(ScriptedEpisode.Recorder out) {
    return out.values(Topics.STATUS).stream().map(v -> ((EpisodeStatus) v).getState()).toList();
  }
}
