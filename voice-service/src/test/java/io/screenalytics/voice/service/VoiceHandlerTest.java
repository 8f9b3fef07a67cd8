package io.screenalytics.voice.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.voice.testing.TestMedia;
import io.screenalytics.voice.testing.VoiceData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voice handler over real audio and the real models, with a local artifact store, without a broker. */
class VoiceHandlerTest {

  private static final Path CLIP = VoiceData.file(TestMedia.TALKING_HEAD);

  @TempDir static Path dir;
  private static VoiceHandlers handlers;
  private static BatchHandler<EpisodeRequest> handler;

  @BeforeAll static void open() {
    handlers = new VoiceHandlers(VoiceConfig.from(Settings.of(Map.of("store.root", dir.resolve("store").toString(),
        "models.dir", VoiceData.shared().resolve("models").toString(), "voice.windows.per.record", "8"))), null);
    handler = handlers.newHandler();
  }

  @AfterAll static void close() {
    handlers.close();
  }

  /** Everything a handler sent. */
  private static final class Recorder implements Emitter {
    final List<VoiceWindows> voice = new ArrayList<>();
    final List<EpisodeStatus> status = new ArrayList<>();

    @Override public <V> void send(Topic<String, V> topic, String key, V value) {
      if (topic.equals(Topics.VOICE)) voice.add((VoiceWindows) value);
      else if (topic.equals(Topics.STATUS)) status.add((EpisodeStatus) value);
    }

    @Override public void flush() {
    }

    EpisodeStatus last() {
      return status.get(status.size() - 1);
    }
  }

  private static Recorder run(String id, String uri) throws Exception {
    Recorder out = new Recorder();
    EpisodeRequest r = EpisodeRequest.newBuilder().setEpisodeId(id).setVideoUri(uri).setRequestedAtMs(0).build();
    handler.handle(List.of(new Delivery<>(id, r, new ConsumerRecord<>(Topics.INGEST.name(), 0, 0L, null, null))), out);
    assertThat(out.status).extracting(EpisodeStatus::getState).doesNotContain(EpisodeState.FAILED);
    assertThat(out.last().getState()).isEqualTo(EpisodeState.STAGE_COMPLETED);
    return out;
  }

  @Test void shouldPublishSpeechAndWindowsInChunksAndRerunFromTheCacheWithoutModelCalls() throws Exception {
    Recorder first = run("talking", CLIP.toString());
    assertThat(first.voice).isNotEmpty().allSatisfy(v -> {
      assertThat(v.getStatus()).isEqualTo(VoiceStatus.OK);
      assertThat(v.getChunks()).isEqualTo(first.voice.size());
      assertThat(v.getWindows().size()).isLessThanOrEqualTo(8);
    });
    VoiceWindows last = first.voice.get(first.voice.size() - 1);
    assertThat(last.getSpeech()).isNotEmpty();
    int windows = first.voice.stream().mapToInt(v -> v.getWindows().size()).sum();
    assertThat(windows).isGreaterThan(8);
    assertThat(first.voice.get(0).getWindows().get(0).getEmbedding()).hasSize(256);
    Map<String, Double> c = first.last().getCounters();
    assertThat(c.get("windows")).isEqualTo((double) windows);
    assertThat(c.get("model_calls")).isEqualTo(Math.ceil(windows / 32.0));
    assertThat(c.get("cache_hits")).isZero();

    Recorder again = run("talking", CLIP.toString());
    assertThat(again.last().getCounters()).containsEntry("model_calls", 0.0).containsEntry("cache_hits",
        (double) windows);
    assertThat(again.voice.get(0).getWindows().get(0).getEmbedding())
        .isEqualTo(first.voice.get(0).getWindows().get(0).getEmbedding());
  }

  @Test void shouldCompleteAnEpisodeWithoutAudioWithAnEmptyResultAndItsReason() throws Exception {
    Path silent = TestMedia.withoutAudio(CLIP, dir.resolve("no_audio.mp4"));
    Recorder out = run("silent", silent.toString());
    assertThat(out.voice).singleElement().satisfies(v -> {
      assertThat(v.getStatus()).isEqualTo(VoiceStatus.NO_AUDIO);
      assertThat(v.getWindows()).isEmpty();
      assertThat(v.getReason()).startsWith("no_audio: ");
    });
    assertThat(out.last().getReason()).startsWith("no_audio: ");
  }

  @Test void shouldFailTheVoiceResultOfACorruptAudioStreamWithoutFailingTheEpisode() throws Exception {
    Path corrupt = TestMedia.withCorruptAudio(CLIP, dir.resolve("corrupt_audio.mp4"));
    Recorder out = run("corrupt", corrupt.toString());
    assertThat(out.voice).singleElement().satisfies(v -> {
      assertThat(v.getStatus()).isEqualTo(VoiceStatus.FAILED);
      assertThat(v.getReason()).startsWith("corrupt: ");
    });
  }

  @Test void shouldGiveUpTheVoiceResultOfAnEpisodeThatKilledTheServiceThreeTimesWithoutFailingTheEpisode()
      throws Exception {
    BatchHandler<EpisodeRequest> crashed = handlers.newHandler((episode, since) -> 3);
    Recorder out = new Recorder();
    EpisodeRequest r = EpisodeRequest.newBuilder().setEpisodeId("loop").setVideoUri(CLIP.toString())
        .setRequestedAtMs(0).build();
    crashed.handle(List.of(new Delivery<>("loop", r, new ConsumerRecord<>(Topics.INGEST.name(), 0, 0L, null, null))),
        out);
    assertThat(out.status).extracting(EpisodeStatus::getState).containsExactly(EpisodeState.STAGE_COMPLETED);
    assertThat(out.voice).singleElement().satisfies(v -> {
      assertThat(v.getStatus()).isEqualTo(VoiceStatus.FAILED);
      assertThat(v.getReason()).startsWith("crashed: ");
    });
  }

  @Test void shouldFailTheVoiceResultOfAMissingFileWithAReason() throws Exception {
    Recorder out = run("missing", dir.resolve("nowhere.mp4").toString());
    assertThat(out.voice).singleElement().satisfies(v -> assertThat(v.getStatus()).isEqualTo(VoiceStatus.FAILED));
  }
}
