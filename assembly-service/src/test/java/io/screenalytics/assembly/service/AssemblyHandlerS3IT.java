package io.screenalytics.assembly.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankJson;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.EmbeddedFace;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.FaceQuality;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.TrackSample;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.store.testing.InProcessS3;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's handler on its real inputs (the Avro records of the request, closed tracks and face embeddings)
 * with the artifact store on a real S3-compatible server, as with {@code store.type=s3}: the episode's folder
 * and report land in the bucket, the facebank is read from it, and the {@code COMPLETED} event names the folder
 * by its {@code s3://} URI.
 */
class AssemblyHandlerS3IT {

  /** Collects what the handler emits (the Kafka side is covered by the launcher's end-to-end test). */
  private static final class Collected implements Emitter {
    final List<Object> values = new CopyOnWriteArrayList<>();

    @Override
    public <V> void send(Topic<String, V> topic, String key, V value) {
      values.add(value);
    }

    @Override
    public void flush() {}
  }

  private final SyntheticEpisode ep = new SyntheticEpisode("ep-9", 30, 6, 40, 23)
      .track(1, "ann", 0, 20).track(2, "bea", 5, 10).track(3, "ann", 40, 12);
  private final Collected out = new Collected();
  private InProcessS3 s3;
  private AssemblyServiceConfig config;
  private ArtifactStore store;

  /** A fresh bucket and its store, holding the cast facebank (Ann) that the episode's request names. */
  @BeforeEach
  void openStoreWithTheCast() throws Exception {
    s3 = InProcessS3.start();
    s3.createBucket("results");
    config = AssemblyServiceConfig.from(Settings.of(s3.settings("results", "prod")));
    store = ArtifactStores.open(config.store());
    Facebank cast = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    store.put(StoreLayout.facebank("show"), FacebankJson.toJson(cast));
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
    s3.close();
  }

  @Test
  void shouldWriteTheEpisodeToTheBucketAndAnnounceItsS3Uri() throws Exception {
    AssemblyHandler handler = new AssemblyHandler(config, store, Clock.systemUTC());

    handler.handle(List.of(request()), out);
    List<Delivery<Object>> inputs = new ArrayList<>();
    ep.tracks().forEach(t -> inputs.add(delivery(closedTrack(t))));
    inputs.addAll(frames(ep));
    handler.handle(inputs, out);

    List<EpisodeStatus> completed = out.values.stream().filter(v -> v instanceof EpisodeStatus)
        .map(v -> (EpisodeStatus) v).filter(s -> s.getState() == EpisodeState.COMPLETED).toList();
    assertThat(completed).singleElement().satisfies(s -> {
      assertThat(s.getOutputUri()).isEqualTo("s3://results/prod/episodes/ep-9/");
      assertThat(s.getCounters().get("identities")).isEqualTo(2.0);
    });
    assertThat(store.list("episodes/ep-9/")).contains("episodes/ep-9/manifest.json",
        "episodes/ep-9/report.html", "episodes/ep-9/facebank.json", "episodes/ep-9/identities.json");
    assertThat(new String(store.require("episodes/ep-9/identities.json"), StandardCharsets.UTF_8))
        .contains("\"name\" : \"Ann\"");
  }

  @Test
  void shouldCompleteAReplayedEpisodeWhoseRequestComesAfterItsEmbeddingsWithTheSameCastMatch() throws Exception {
    // Given: a new owner replaying an episode after a crash: one poll mixes partitions, so the episode's
    // tracks and embeddings come before its request (which names the facebank)
    AssemblyHandler handler = new AssemblyHandler(config, store, Clock.systemUTC());
    List<Delivery<Object>> inputs = new ArrayList<>(frames(ep));
    ep.tracks().forEach(t -> inputs.add(delivery(closedTrack(t))));

    // When: everything but the request arrives, then the request
    handler.handle(inputs, out);
    boolean completedBeforeRequest = out.values.stream()
        .anyMatch(v -> v instanceof EpisodeStatus s && s.getState() != EpisodeState.PROGRESS);
    handler.handle(List.of(request()), out);

    // Then: it waited for the request, completed once, and matched the cast the request names
    assertThat(completedBeforeRequest).isFalse();
    assertThat(out.values.stream().filter(v -> v instanceof EpisodeStatus).map(v -> (EpisodeStatus) v)
        .filter(s -> s.getState() == EpisodeState.COMPLETED)).hasSize(1);
    assertThat(new String(store.require("episodes/ep-9/identities.json"), StandardCharsets.UTF_8))
        .contains("\"name\" : \"Ann\"");
  }

  /** The episode's request, naming the cast facebank. */
  private static Delivery<Object> request() {
    return delivery(EpisodeRequest.newBuilder().setEpisodeId("ep-9").setVideoUri("s3://media/ep-9.mp4")
        .setFacebankUri(StoreLayout.facebank("show")).setRequestedAtMs(1L).build());
  }

  private static Delivery<Object> delivery(Object value) {
    return new Delivery<>("ep-9", value, null);
  }

  private static ClosedTrack closedTrack(TrackRecord t) {
    return ClosedTrack.newBuilder().setEpisodeId("ep-9").setTrackId(t.trackId()).setFirstFrameIdx(t.firstFrameIdx())
        .setLastFrameIdx(t.lastFrameIdx()).setFirstTs(t.firstTs()).setLastTs(t.lastTs())
        .setSamples(t.samples().stream().map(s -> TrackSample.newBuilder().setFrameIdx(s.frameIdx()).setTs(s.ts())
            .setBboxXyxy(AvroValues.floatList(s.bboxXyxy())).setDetScore(s.detScore()).build()).toList())
        .setMeanDetScore(t.meanDetScore()).setEndReason(t.endReason()).build();
  }

  /** One {@code FaceEmbeddings} per frame, the last carrying the episode totals. */
  private static List<Delivery<Object>> frames(SyntheticEpisode ep) {
    Map<Long, List<FaceRecord>> byFrame = new TreeMap<>();
    ep.faces().forEach(f -> byFrame.computeIfAbsent(f.frameIdx(), k -> new ArrayList<>()).add(f));
    List<Delivery<Object>> out = new ArrayList<>();
    int left = byFrame.size();
    for (Map.Entry<Long, List<FaceRecord>> e : byFrame.entrySet()) {
      FaceEmbeddings.Builder b = FaceEmbeddings.newBuilder().setEpisodeId("ep-9").setFrameIdx(e.getKey())
          .setTs(e.getValue().get(0).ts()).setModel("fr_feature").setFaces(e.getValue().stream().map(f ->
              EmbeddedFace.newBuilder().setFaceId(f.faceId()).setTrackId(f.trackId()).setBboxXyxy(AvroValues.floatList(f.bboxXyxy()))
                  .setDetScore(f.detScore()).setQuality(new FaceQuality(f.contrast(), f.blur()))
                  .setEmbedding(AvroValues.floatList(f.embedding())).setThumbnailJpeg(ByteBuffer.wrap(f.thumbnailJpeg())).build())
              .toList());
      if (--left == 0) {
        b.setTotals(EpisodeTotals.newBuilder().setFrames(200).setFaces(ep.faces().size())
            .setTracks(ep.tracks().size()).setDurationS(40).setFps(30).setStride(6).setSceneCuts(List.of(12.5))
            .setDetectorModel("yunet_s_dynamic").build());
      }
      out.add(delivery(b.build()));
    }
    return out;
  }
}
