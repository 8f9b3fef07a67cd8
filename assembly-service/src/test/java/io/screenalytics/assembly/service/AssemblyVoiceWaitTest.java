package io.screenalytics.assembly.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.AsdScores;
import io.screenalytics.schemas.AsdStatus;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly handler's wait for an episode's voice result, without a broker: a face-complete episode waits for the
 * voice stage's final chunk (or its NO_AUDIO / FAILED result) within {@code assembly.voice.wait.ms}, and completes
 * without voices after it, saying so; likewise for the active speaker result within {@code assembly.asd.wait.ms}.
 */
class AssemblyVoiceWaitTest {

  @TempDir
  Path dir;

  private final List<EpisodeStatus> events = new ArrayList<>();
  private final Emitter out = new Emitter() {
    @Override
    public <V> void send(Topic<String, V> topic, String key, V value) {
      if (value instanceof EpisodeStatus s) events.add(s);
    }

    @Override
    public void flush() {}
  };
  private long nowMs = 1_000_000;
  private ArtifactStore store;
  private AssemblyHandler handler;

  @BeforeEach
  void openHandler() {
    AssemblyServiceConfig config = AssemblyServiceConfig.from(Settings.of(Map.of("store.root", dir.toString(),
        "assembly.voice.wait.ms", "30000", "assembly.voice.start.wait.ms", "5000", "assembly.asd.wait.ms", "20000")));
    store = ArtifactStores.open(config.store());
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return Instant.ofEpochMilli(nowMs);
      }
    };
    handler = new AssemblyHandler(config, store, clock);
  }

  @AfterEach
  void closeStore() throws Exception {
    store.close();
  }

  @Test
  void shouldWaitForTheVoiceResultThenCompleteWithIt() throws Exception {
    // Given an episode the voice stage has started on, whose faces are complete
    handler.handle(List.of(in(voiceStarted()), in(request()), in(lastFrame())), out);

    // Then it waits for the voice result
    handler.onIdle(out);
    assertThat(completed()).isEmpty();

    // When the voice stage says the input has no audio
    handler.handle(List.of(in(voice(VoiceStatus.NO_AUDIO, "no_audio: the input has no audio stream"))), out);

    // Then the episode completes, and its screen time says why it has no voices
    assertThat(completed()).hasSize(1);
    assertThat(completed().get(0).getState()).isEqualTo(EpisodeState.COMPLETED);
    JsonNode voice = screenTime().get("voice");
    assertThat(voice.get("state").asText()).isEqualTo("NO_AUDIO");
    assertThat(voice.get("reason").asText()).startsWith("no_audio:");
    assertThat(dir.resolve("episodes/ep/speech.rttm")).doesNotExist();
  }

  @Test
  void shouldCompleteWithoutVoicesWhenTheWaitIsOverAndSaySo() throws Exception {
    handler.handle(List.of(in(voiceStarted()), in(request()), in(lastFrame())), out);

    // When less than assembly.voice.wait.ms has passed, it still waits
    nowMs += 29_000;
    handler.onIdle(out);
    assertThat(completed()).isEmpty();

    // When the bound has passed with no voice result
    nowMs += 1_000;
    handler.onIdle(out);

    // Then it completes without voices and says so
    assertThat(completed()).hasSize(1);
    assertThat(completed().get(0).getState()).isEqualTo(EpisodeState.COMPLETED_WITH_WARNINGS);
    assertThat(completed().get(0).getReason()).contains("voices MISSING").contains("assembly.voice.wait.ms");
    assertThat(screenTime().get("voice").get("state").asText()).isEqualTo("MISSING");
  }

  @Test
  void shouldWaitOnlyTheStartBoundWhenTheVoiceStageWasNeverSeen() throws Exception {
    handler.handle(List.of(in(request()), in(lastFrame())), out);
    handler.onIdle(out);
    assertThat(completed()).isEmpty();

    nowMs += 5_000;
    handler.onIdle(out);
    assertThat(completed()).hasSize(1);
    assertThat(completed().get(0).getState()).isEqualTo(EpisodeState.COMPLETED);
    assertThat(completed().get(0).getReason()).contains("assembly.voice.start.wait.ms");
  }

  @Test
  void shouldKeepTheFaceResultsWhenTheVoiceResultFailed() throws Exception {
    handler.handle(List.of(in(voiceStarted()), in(request()),
        in(voice(VoiceStatus.FAILED, "corrupt: 0.06 s decoded of the 8.00 s declared")), in(lastFrame())), out);

    assertThat(completed()).hasSize(1);
    assertThat(completed().get(0).getReason()).contains("voices FAILED: corrupt:");
    assertThat(dir.resolve("episodes/ep/identities.json")).isRegularFile();
    assertThat(screenTime().get("voice").get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void shouldWaitForTheActiveSpeakerResultOnceItsStageHasStarted() throws Exception {
    // Given an episode whose voices are in and whose active speaker stage has started, with its faces complete
    handler.handle(List.of(in(voiceStarted()), in(stage("asd")), in(request()), in(lastFrame()),
        in(voice(VoiceStatus.NO_AUDIO, "no_audio: none"))), out);

    // Then it waits for the active speaker result
    nowMs += 19_000;
    handler.onIdle(out);
    assertThat(completed()).isEmpty();

    // When the result arrives (one chunk, nothing contested), it completes
    handler.handle(List.of(in(AsdScores.newBuilder().setEpisodeId("ep").setChunk(0).setChunks(1)
        .setStatus(AsdStatus.OK).setModel("light_asd_ava").setModelSha256("").setFps(25).setSpans(List.of())
        .build())), out);
    assertThat(completed()).hasSize(1);
  }

  @Test
  void shouldCompleteWithoutTheActiveSpeakerResultWhenItsWaitIsOver() throws Exception {
    handler.handle(List.of(in(voiceStarted()), in(stage("asd")), in(request()), in(lastFrame()),
        in(voice(VoiceStatus.NO_AUDIO, "no_audio: none"))), out);
    nowMs += 20_000;
    handler.onIdle(out);
    assertThat(completed()).hasSize(1);
  }

  private static EpisodeStatus stage(String name) {
    return EpisodeStatus.newBuilder(voiceStarted()).setStage(name).build();
  }

  private List<EpisodeStatus> completed() {
    return events.stream().filter(s -> s.getState() == EpisodeState.COMPLETED
        || s.getState() == EpisodeState.COMPLETED_WITH_WARNINGS).toList();
  }

  private JsonNode screenTime() throws Exception {
    return new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("episodes/ep/screen_time.json")));
  }

  private static EpisodeRequest request() {
    return EpisodeRequest.newBuilder().setEpisodeId("ep").setVideoUri("ep.mp4").setRequestedAtMs(1L).build();
  }

  /** The episode's only sampled frame, without faces, carrying the totals: the faces are complete. */
  private static FaceEmbeddings lastFrame() {
    return FaceEmbeddings.newBuilder().setEpisodeId("ep").setFrameIdx(0).setTs(0).setModel("fr_feature")
        .setFaces(List.of()).setTotals(EpisodeTotals.newBuilder().setFrames(1).setFaces(0).setTracks(0)
            .setDurationS(8.0).setFps(25.0).setStride(6).build()).build();
  }

  private static EpisodeStatus voiceStarted() {
    return EpisodeStatus.newBuilder().setEpisodeId("ep").setStage("voice").setState(EpisodeState.STARTED)
        .setAtMs(1L).setCounters(Map.of()).build();
  }

  private static VoiceWindows voice(VoiceStatus status, String reason) {
    return VoiceWindows.newBuilder().setEpisodeId("ep").setChunk(0).setChunks(1).setStatus(status).setReason(reason)
        .setModel("ge2e").setModelSha256("0".repeat(64)).setAudioSeconds(0).setWindows(List.of())
        .setSpeech(List.of()).build();
  }

  /** A record built in memory (no source position). */
  private static Delivery<Object> in(Object value) {
    return new Delivery<>("ep", value, null);
  }
}
