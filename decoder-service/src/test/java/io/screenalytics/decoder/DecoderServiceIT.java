package io.screenalytics.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.TestMedia;
import io.screenalytics.video.decode.TestVideos;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.testing.InProcessS3;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder service over a real broker and registry ({@link LocalCluster}) and a real S3 server
 * ({@link InProcessS3}): bad inputs of every kind end in a {@code FAILED} event with their reason, a damaged
 * stream completes with warnings, and the good episodes pushed after them (a local file, an {@code s3://}
 * object, a rotated file, a 1080p file whose frames are claim-checked into S3) are published in full.
 */
class DecoderServiceIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  /** Small enough that 1280x720 JPEGs exceed it, large enough for 160x120 ones. */
  private static final int CLAIM_CHECK_BYTES = 20_000;

  @TempDir
  static Path dir;

  private static LocalCluster cluster;
  private static InProcessS3 s3;
  private static WorkerService<?> service;
  private static KafkaSettings kafka;

  @BeforeAll
  static void start() {
    cluster = CLUSTER.cluster();
    s3 = InProcessS3.start();
    s3.createBucket("media");
    s3.createBucket("frames");
    Map<String, String> m = new HashMap<>(s3.settings("frames", "it"));
    m.put(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
    m.put(KafkaSettings.REGISTRY_URL, cluster.registryUrl());
    m.put("decoder.claim.check.bytes", Integer.toString(CLAIM_CHECK_BYTES));
    m.put("decoder.temp.dir", dir.resolve("downloads").toString());
    Settings settings = Settings.of(m);
    kafka = KafkaSettings.from(settings);
    TopicAdmin.provision(kafka);
    service = DecoderService.create(settings).start();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void shouldFailBadInputsWithTheirReasonsAndPublishEveryGoodEpisodeAfterThem() throws Exception {
    // Given bad inputs of every kind, then good ones: a clip in S3, a rotated clip, Hamilton (3 cuts), 1080p
    // (lengths of k * 6 + 1 frames end on a stride point: both sampling policies give the same frames)
    Path clip = TestVideos.encode(dir.resolve("pattern.mp4"), TestVideos.Spec.mp4(160, 120, 25, 61),
        i -> TestVideos.indexPattern(160, 120, i));
    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    Path jpeg = Files.copy(TestMedia.face("face_recognition/examples/obama.jpg"), dir.resolve("photo.mp4"));
    Path wav = TestMedia.audio(TestMedia.RADIO_WAV);
    Path truncated = TestVideos.truncatedCopy(clip, dir.resolve("truncated.mp4"), 0.5);
    Path noisy = TestVideos.corruptedCopy(TestMedia.video(TestMedia.HAMILTON), dir.resolve("noisy.mp4"), 300_000,
        20_000, 1);
    Path rotated = TestVideos.encode(dir.resolve("rotated.mp4"), TestVideos.Spec.mp4(64, 48, 25, 13).withRotation(90),
        i -> TestVideos.flat(64, 48, 0, 0, 200));
    try (ArtifactStore media = ArtifactStores.open(s3.settings("media", ""))) {
      media.put("clips/pattern.mp4", Files.readAllBytes(clip));
    }

    // When they are pushed in that order
    Map<String, String> episodes = new java.util.LinkedHashMap<>();
    episodes.put("missing", dir.resolve("nowhere.mp4").toString());
    episodes.put("empty", empty.toString());
    episodes.put("jpeg", jpeg.toString());
    episodes.put("audio", wav.toString());
    episodes.put("truncated", truncated.toString());
    episodes.put("s3-missing", "s3://media/clips/nope.mp4");
    episodes.put("s3-malformed", "s3://media");
    episodes.put("noisy", noisy.toString());
    episodes.put("s3-good", "s3://media/clips/pattern.mp4");
    episodes.put("rotated", rotated.toUri().toString());
    episodes.put("hamilton", TestMedia.video(TestMedia.HAMILTON).toString());
    episodes.put("big", TestMedia.video(TestMedia.FACENET_1080P).toString());
    episodes.put("fades", TestMedia.sceneCutVideo("fades.mp4").toString());
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "it-ingest")) {
      episodes.forEach((id, uri) -> emitter.send(Topics.INGEST, id, EpisodeRequest.newBuilder().setEpisodeId(id)
          .setVideoUri(uri).setRequestedAtMs(System.currentTimeMillis()).build()));
      emitter.flush();
    }
    EpisodeOutputs outputs = EpisodeOutputs.collect(kafka, episodes.keySet(), ProgressWait.DEFAULT_STALL);

    // Then every bad input failed with its reason
    assertFailed(outputs, "missing", "not_found: ");
    assertFailed(outputs, "empty", "empty_file: ");
    assertFailed(outputs, "jpeg", "not_a_video: ");
    assertFailed(outputs, "audio", "no_video_stream: ");
    assertFailed(outputs, "truncated", "truncated: ");
    assertFailed(outputs, "s3-missing", "not_found: s3://media/clips/nope.mp4");
    assertFailed(outputs, "s3-malformed", "invalid_location: ");
    assertThat(Files.list(dir.resolve("downloads")).toList()).as("downloads are deleted").isEmpty();

    // And the damaged stream completed with what could be decoded, the losses as the reason
    EpisodeStatus noisyDone = outputs.terminal("noisy");
    assertThat(noisyDone.getState()).isEqualTo(EpisodeState.STAGE_COMPLETED);
    assertThat(noisyDone.getReason()).contains("frame_damaged: ");
    assertThat(outputs.frames("noisy")).isNotEmpty().last().satisfies(f -> assertThat(f.getIsLast()).isTrue());

    // And the S3 clip: every 6th frame, in order, inline, the right pictures
    List<Frame> fromS3 = completed(outputs, "s3-good");
    assertThat(fromS3).extracting(Frame::getFrameIdx)
        .containsExactly(0L, 6L, 12L, 18L, 24L, 30L, 36L, 42L, 48L, 54L, 60L);
    assertThat(fromS3).allSatisfy(f -> {
      assertThat(f.getImageRef()).isNull();
      assertThat(f.getImage().remaining()).isBetween(1, CLAIM_CHECK_BYTES);
    });
    for (Frame f : fromS3) {
      BgrImage picture = ImageOps.decode(bytes(f));
      assertThat(TestVideos.readIndexPattern(new DecodedFrame(0, 0, picture.width(), picture.height(),
          picture.bgr()))).as("index drawn into frame %d", f.getFrameIdx()).isEqualTo(f.getFrameIdx());
    }

    // And the rotated clip is published upright
    assertThat(completed(outputs, "rotated")).hasSize(3).allSatisfy(f -> {
      assertThat(f.getRotationDegrees()).isEqualTo(270);
      assertThat(List.of(f.getWidth(), f.getHeight(), f.getSourceWidth(), f.getSourceHeight()))
          .containsExactly(48, 64, 48, 64);
      assertThat(ImageOps.decode(bytes(f)).width()).isEqualTo(48);
    });

    // And Hamilton's three cuts are flagged on the first sampled frame after each (I/P only: both policies
    // give frames 0, 6, ..., 270; fast_stride adds frame 274 for the stride point just past the end), each
    // carrying the cut's own first frame (20, 82, 211: found on every decoded frame) and its ts on the container's
    // timeline (the video starts at 0.844 s)
    List<Frame> flagged = completed(outputs, "hamilton").stream().filter(Frame::getSceneCut).toList();
    assertThat(completed(outputs, "hamilton")).hasSizeBetween(46, 47);
    assertThat(flagged).extracting(Frame::getFrameIdx).containsExactly(24L, 84L, 216L);
    assertThat(flagged).extracting(Frame::getSceneCutFrameIdx).containsExactly(TestMedia.HAMILTON_CUTS[0],
        TestMedia.HAMILTON_CUTS[1], TestMedia.HAMILTON_CUTS[2]);
    assertThat(flagged).allSatisfy(f -> assertThat(f.getSceneCutTs())
        .isCloseTo(TestMedia.hamiltonTs(f.getSceneCutFrameIdx()), org.assertj.core.data.Offset.offset(1e-6)));
    assertThat(completed(outputs, "hamilton")).filteredOn(f -> !f.getSceneCut())
        .allSatisfy(f -> assertThat(f.getSceneCutFrameIdx()).isEqualTo(-1L));

    // And PySceneDetect's fades.mp4 has no cut, and its fades travel apart on the frames, each once, with the
    // fade-ins out of black at 84 and 167 (TRUTH.md)
    List<Frame> fades = completed(outputs, "fades");
    assertThat(fades).noneMatch(Frame::getSceneCut);
    List<io.screenalytics.schemas.SceneTransition> sent = fades.stream().flatMap(f -> f.getTransitions().stream())
        .toList();
    assertThat(sent).extracting(t -> t.getKind()).containsExactly("fade_in", "fade_out", "fade_in", "fade_out",
        "fade_in");
    assertThat(sent).filteredOn(t -> t.getKind().equals("fade_in")).extracting(t -> t.getStartFrameIdx())
        .contains(84L, 167L);

    // And the 1080p frames, scaled to 1280x720, went to S3 with a reference in the message
    List<Frame> big = completed(outputs, "big");
    assertThat(big).hasSizeBetween(17, 19); // 105 frames; fast_stride picks the decoded frame nearest each point
    assertThat(big).allSatisfy(f -> {
      assertThat(f.getImage().remaining()).isZero();
      assertThat(f.getImageRef()).isEqualTo("s3://frames/it/episodes/big/frames/" + f.getFrameIdx() + ".jpg");
      assertThat(List.of(f.getWidth(), f.getHeight(), f.getSourceWidth(), f.getSourceHeight()))
          .containsExactly(1280, 720, 1920, 1080);
    });
    Path fetched = ArtifactStores.fetch(big.get(3).getImageRef(), s3.clientSettings(), dir.resolve("fetched"));
    byte[] stored = Files.readAllBytes(fetched);
    assertThat(stored.length).isGreaterThan(CLAIM_CHECK_BYTES);
    BgrImage image = ImageOps.decode(stored);
    assertThat(List.of(image.width(), image.height())).containsExactly(1280, 720);
    assertThat(outputs.terminal("big").getCounters()).containsEntry("frames_claim_checked", (double) big.size());
  }

  /** The frames of an episode that completed without warnings: in order, once each, the last one flagged. */
  private static List<Frame> completed(EpisodeOutputs outputs, String id) {
    EpisodeStatus done = outputs.terminal(id);
    assertThat(done.getState()).as(id + ": " + done.getReason()).isEqualTo(EpisodeState.STAGE_COMPLETED);
    assertThat(done.getReason()).as(id).isNull();
    List<Frame> published = outputs.frames(id);
    assertThat(published).as(id).isNotEmpty();
    assertThat(published).extracting(Frame::getFrameIdx).as(id).isSorted().doesNotHaveDuplicates();
    Frame last = published.get(published.size() - 1);
    assertThat(published).filteredOn(Frame::getIsLast).as(id).containsExactly(last);
    assertThat(last.getFramesPublished()).as(id).isEqualTo(published.size());
    return published;
  }

  private static void assertFailed(EpisodeOutputs outputs, String id, String reasonPrefix) {
    EpisodeStatus s = outputs.terminal(id);
    assertThat(s.getState()).as(id + ": " + s.getReason()).isEqualTo(EpisodeState.FAILED);
    assertThat(s.getStage()).isEqualTo(DecoderService.NAME);
    assertThat(s.getReason()).as(id).startsWith(reasonPrefix);
    assertThat(outputs.frames(id)).as(id).isEmpty();
  }

  private static byte[] bytes(Frame f) {
    byte[] b = new byte[f.getImage().remaining()];
    f.getImage().duplicate().get(b);
    return b;
  }
}
