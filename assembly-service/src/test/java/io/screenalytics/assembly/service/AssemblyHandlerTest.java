package io.screenalytics.assembly.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly handler without a broker: its progress events, which the decoder's back-pressure reads (the count of
 * distinct frames embedded, every 16 frames and when idle, never inflated by records delivered or embedded twice),
 * and its committed offset past an episode another stage failed.
 */
class AssemblyHandlerTest {

  private static final TopicPartition PARTITION = new TopicPartition(Topics.EMBEDDINGS.name(), 0);

  @TempDir
  Path dir;

  /** Keeps the status events the handler emits. */
  private static final class Statuses implements Emitter {
    final List<EpisodeStatus> events = new ArrayList<>();

    @Override
    public <V> void send(Topic<String, V> topic, String key, V value) {
      if (value instanceof EpisodeStatus s) {
        assertThat(topic).isEqualTo(Topics.STATUS);
        assertThat(key).isEqualTo(s.getEpisodeId());
        events.add(s);
      }
    }

    @Override
    public void flush() {}

    List<Double> progress() {
      return events.stream().filter(s -> s.getState() == EpisodeState.PROGRESS)
          .map(s -> s.getCounters().get(io.screenalytics.runtime.status.StatusPublisher.FRAMES_EMBEDDED)).toList();
    }
  }

  private long offset;
  private ArtifactStore store;
  private AssemblyHandler handler;

  @BeforeEach
  void openHandler() throws Exception {
    AssemblyServiceConfig config = AssemblyServiceConfig.from(Settings.of(Map.of("store.root", dir.toString())));
    store = ArtifactStores.open(config.store());
    handler = new AssemblyHandler(config, store, Clock.systemUTC());
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  @Test
  void shouldLetTheCommitPassAnEpisodeFailedUpstreamWhoseRecordsArriveLate() throws Exception {
    Statuses out = new Statuses();

    // Given an episode with two frames embedded, which the decoder then fails as crashed (crash containment)
    handler.handle(List.of(request(), at(frame(0)), at(frame(1))), out);
    handler.handle(List.of(at(EpisodeStatus.newBuilder().setEpisodeId("ep").setStage("decoder")
        .setState(EpisodeState.FAILED).setAtMs(2L).setReason("crashed: ...").setCounters(Map.of()).build())), out);
    assertThat(handler.commitOffset(PARTITION, offset)).isEqualTo(offset);

    // When embeddings of frames that the killed attempts published arrive after the failure
    handler.handle(List.of(at(frame(2)), at(frame(3))), out);

    // Then they start no accumulation: the commit passes them
    assertThat(handler.commitOffset(PARTITION, offset)).isEqualTo(offset);
  }

  @Test
  void shouldReportDistinctFramesEmbeddedEverySixteenFramesAndWhenIdle() throws Exception {
    Statuses out = new Statuses();
    handler.handle(List.of(request()), out);

    // Given 20 frames, then frames 10-19 again at new offsets (embed processed them twice), then 20 more
    List<Delivery<Object>> first = new ArrayList<>();
    for (long f = 0; f < 20; f++) {
      first.add(at(frame(f)));
    }
    handler.handle(first, out);
    List<Delivery<Object>> twice = new ArrayList<>();
    for (long f = 10; f < 20; f++) {
      twice.add(at(frame(f)));
    }
    handler.handle(twice, out);
    List<Delivery<Object>> more = new ArrayList<>();
    for (long f = 20; f < 40; f++) {
      more.add(at(frame(f)));
    }
    handler.handle(more, out);

    // Then a progress event at 16 and 32 distinct frames, not at 16 + the 10 embedded twice
    assertThat(out.progress()).containsExactly(16.0, 32.0);

    // And the same records delivered again to this worker (same offsets) count nothing
    handler.handle(first, out);
    assertThat(out.progress()).containsExactly(16.0, 32.0);

    // And an idle poll reports the 8 frames under the next step, once
    handler.onIdle(out);
    handler.onIdle(out);
    assertThat(out.progress()).containsExactly(16.0, 32.0, 40.0);
    assertThat(out.events).allSatisfy(s -> {
      assertThat(s.getStage()).isEqualTo("assembly");
      assertThat(s.getEpisodeId()).isEqualTo("ep");
    });
  }

  @Test
  void shouldLetTheCommitPassARequestTheDecoderRefusedWhateverTheOrder() throws Exception {
    Statuses out = new Statuses();
    EpisodeStatus refusal = EpisodeStatus.newBuilder().setEpisodeId("ep").setStage("decoder")
        .setState(EpisodeState.PROGRESS).setAtMs(6L).setReason("refused: in flight")
        .setCounters(Map.of(io.screenalytics.runtime.status.EpisodeRuns.REFUSED, 5.0)).build();
    EpisodeRequest again = EpisodeRequest.newBuilder().setEpisodeId("ep").setVideoUri("ep.mp4").setRequestedAtMs(5L)
        .build();

    // Given a request seen alone (its episode's run ended here before), which the decoder then refuses
    handler.handle(List.of(at(again)), out);
    assertThat(handler.commitOffset(PARTITION, offset)).as("held by the accumulation").isLessThan(offset);
    handler.handle(List.of(at(refusal)), out);

    // Then the accumulation it started is dropped: the commit passes it
    assertThat(handler.commitOffset(PARTITION, offset)).isEqualTo(offset);

    // And the same request seen after the refusal (a redelivery, another partition read later) starts nothing
    handler.handle(List.of(at(again)), out);
    assertThat(handler.commitOffset(PARTITION, offset)).isEqualTo(offset);
  }

  private static FaceEmbeddings frame(long frameIdx) {
    return FaceEmbeddings.newBuilder().setEpisodeId("ep").setFrameIdx(frameIdx).setTs(frameIdx / 30.0)
        .setModel("fr_feature").setFaces(List.of()).build();
  }

  private Delivery<Object> request() {
    return at(EpisodeRequest.newBuilder().setEpisodeId("ep").setVideoUri("ep.mp4").setRequestedAtMs(1L).build());
  }

  /** The value as consumed at the next offset of {@link #PARTITION}. */
  private Delivery<Object> at(Object value) {
    return new Delivery<>("ep", value, new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset++,
        new byte[0], new byte[0]));
  }
}
