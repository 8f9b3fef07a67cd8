package io.screenalytics.decoder.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decoder's reader of assembly's progress on a real broker and registry: it follows one episode's
 * {@code frames_embedded} count of stage {@code assembly} (the largest seen), ignores other episodes and stages, and
 * starts reading at the request's time, so that a decoder replaying an episode sees the count reached before.
 */
class DownstreamProgressIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static LocalCluster cluster;
  private static KafkaSettings kafka;

  @BeforeAll
  static void start() {
    cluster = CLUSTER.cluster();
    kafka = KafkaSettings.from(Settings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        KafkaSettings.REGISTRY_URL, cluster.registryUrl())));
    TopicAdmin.provision(kafka);
  }

  @Test
  void shouldFollowTheLargestFramesEmbeddedOfAssemblyForOneEpisodeFromItsRequestTime() throws Exception {
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "it-status")) {
      // Given progress published before the request (an earlier run of the episode)
      emit(emitter, "ep", "assembly", 400);
      emitter.flush();
      Thread.sleep(CLOCK_SKEW_MS + 1_000);
      long requestedAt = System.currentTimeMillis();

      // When a reader starts at the request, and assembly reports 16 and 48, then 32 (a restarted assembly
      // replaying), among events of other episodes and stages
      try (DownstreamProgress progress = DownstreamProgress.open(kafka, "it-progress", "ep", requestedAt,
          System.currentTimeMillis())) {
        assertThat(progress.poll(Duration.ofMillis(500))).isFalse();
        emit(emitter, "ep", "assembly", 16);
        emit(emitter, "other", "assembly", 96);
        emit(emitter, "ep", "decoder", 999);
        emit(emitter, "ep", "assembly", 48);
        emit(emitter, "ep", "assembly", 32);
        emitter.flush();
        awaitCount(progress, 48);

        // Then it has the largest count of this episode's assembly events since the request
        assertThat(progress.framesEmbedded()).isEqualTo(48);
        assertThat(progress.poll(Duration.ofMillis(300))).isFalse();
      }

      // And a reader opened later for the same request (a decoder restarted mid-episode) sees that count at once
      try (DownstreamProgress replay = DownstreamProgress.open(kafka, "it-progress", "ep", requestedAt,
          System.currentTimeMillis())) {
        awaitCount(replay, 48);
      }

      // And a reader of a request made now reads nothing of the past
      try (DownstreamProgress fresh = DownstreamProgress.open(kafka, "it-progress", "ep",
          System.currentTimeMillis() + CLOCK_SKEW_MS, System.currentTimeMillis())) {
        assertThat(fresh.poll(Duration.ofSeconds(1))).isFalse();
        assertThat(fresh.framesEmbedded()).isZero();
      }
    }
  }

  private static final long CLOCK_SKEW_MS = io.screenalytics.runtime.status.EpisodeStatusReader.CLOCK_SKEW.toMillis();

  private static void awaitCount(DownstreamProgress progress, long expected) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (progress.framesEmbedded() < expected && System.currentTimeMillis() < deadline) {
      progress.poll(Duration.ofMillis(200));
    }
    assertThat(progress.framesEmbedded()).isEqualTo(expected);
  }

  private static void emit(KafkaEmitter emitter, String episodeId, String stage, double framesEmbedded) {
    emitter.send(Topics.STATUS, episodeId, EpisodeStatus.newBuilder().setEpisodeId(episodeId).setStage(stage)
        .setState(EpisodeState.PROGRESS).setAtMs(System.currentTimeMillis())
        .setCounters(Map.of(io.screenalytics.runtime.status.StatusPublisher.FRAMES_EMBEDDED, framesEmbedded)).build());
  }
}
