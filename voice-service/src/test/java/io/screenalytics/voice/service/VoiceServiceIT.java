package io.screenalytics.voice.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.cluster.ProgressWait;
import io.screenalytics.cluster.RawRecords;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.DeadLetterPublisher;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.voice.testing.TestMedia;
import io.screenalytics.voice.testing.VoiceData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice service on a real broker and registry, two consumer loops in its group: a poison record on the ingest
 * topic is dead-lettered and the service goes on; a talking clip, a clip without audio and a clip whose audio is
 * corrupt each get their voice result (OK, NO_AUDIO, FAILED) and a STAGE_COMPLETED event, never FAILED.
 */
class VoiceServiceIT {

  @RegisterExtension static final ClusterExtension CLUSTER = ClusterExtension.withSetUp(s -> TopicAdmin.provision(
      KafkaSettings.from(Settings.of(s))));
  @TempDir static Path dir;
  private static KafkaSettings kafka;
  private static WorkerService<?> service;

  @BeforeAll static void start() {
    Map<String, String> values = CLUSTER.settings();
    values.put("store.root", dir.resolve("store").toString());
    values.put("models.dir", VoiceData.shared().resolve("models").toString());
    values.put("voice.workers", "2");
    Settings settings = Settings.of(values);
    kafka = KafkaSettings.from(settings);
    service = VoiceService.create(settings).start();
  }

  @AfterAll static void stop() {
    if (service != null) service.close();
  }

  @Test void shouldDeadLetterPoisonAndAnswerEveryEpisodeWithItsVoiceResult() throws Exception {
    // Given poison on the ingest topic, then three episodes
    try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
        "bootstrap.servers", CLUSTER.cluster().bootstrapServers(),
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName()))) {
      raw.send(new ProducerRecord<>(Topics.INGEST.name(), "poison".getBytes(StandardCharsets.UTF_8),
          new byte[] {0, 0, 0, 0, 42, 1, 2, 3})).get();
    }
    Path clip = VoiceData.file(TestMedia.TALKING_HEAD);
    Map<String, String> episodes = new LinkedHashMap<>();
    episodes.put("talking", clip.toString());
    episodes.put("silent", TestMedia.withoutAudio(clip, dir.resolve("silent.mp4")).toString());
    episodes.put("corrupt", TestMedia.withCorruptAudio(clip, dir.resolve("corrupt.mp4")).toString());
    try (KafkaEmitter emitter = new KafkaEmitter(kafka, "it-ingest")) {
      episodes.forEach((id, uri) -> emitter.send(Topics.INGEST, id, EpisodeRequest.newBuilder().setEpisodeId(id)
          .setVideoUri(uri).setRequestedAtMs(System.currentTimeMillis()).build()));
      emitter.flush();
    }

    // When the voice stage has completed them all
    Map<String, List<VoiceWindows>> voice = new HashMap<>();
    Map<String, List<EpisodeStatus>> status = new HashMap<>();
    collect(voice, status, episodes.keySet());

    // Then each has its result and no FAILED status
    assertThat(voice.get("talking")).isNotEmpty().allSatisfy(v -> assertThat(v.getStatus()).isEqualTo(VoiceStatus.OK));
    assertThat(voice.get("talking").stream().mapToInt(v -> v.getWindows().size()).sum()).isGreaterThan(5);
    assertThat(voice.get("silent")).singleElement().satisfies(v -> assertThat(v.getStatus())
        .isEqualTo(VoiceStatus.NO_AUDIO));
    assertThat(voice.get("corrupt")).singleElement().satisfies(v -> assertThat(v.getStatus())
        .isEqualTo(VoiceStatus.FAILED));
    status.values().forEach(events -> assertThat(events).extracting(EpisodeStatus::getState)
        .doesNotContain(EpisodeState.FAILED).contains(EpisodeState.STARTED, EpisodeState.STAGE_COMPLETED));

    // And the poison went to the dead-letter topic with the voice service's name
    assertThat(deadLetterServices()).contains("voice");
  }

  /**
   * Reads the voice and status topics until every episode has completed the voice stage and all its voice chunks
   * are in (the two topics' partitions are polled in no fixed order, so a completion may come before its chunks).
   */
  private static void collect(Map<String, List<VoiceWindows>> voice, Map<String, List<EpisodeStatus>> status,
                              java.util.Set<String> episodes) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, kafka.valueDeserializer());
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = Stream.of(Topics.VOICE, Topics.STATUS)
          .flatMap(t -> consumer.partitionsFor(t.name()).stream().map(i -> new TopicPartition(t.name(), i.partition())))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + ProgressWait.DEFAULT_STALL.toNanos();
      int completed = 0;
      while (completed < episodes.size() || !episodes.stream().allMatch(id -> voice.containsKey(id)
          && voice.get(id).stream().map(VoiceWindows::getChunk).distinct().count()
              == voice.get(id).get(0).getChunks())) {
        assertThat(System.nanoTime()).as("voice results within the stall limit").isLessThan(deadline);
        for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
          deadline = System.nanoTime() + ProgressWait.DEFAULT_STALL.toNanos();
          if (r.value() instanceof VoiceWindows v) {
            voice.computeIfAbsent(v.getEpisodeId(), k -> new ArrayList<>()).add(v);
          } else if (r.value() instanceof EpisodeStatus s && VoiceService.NAME.equals(s.getStage())) {
            status.computeIfAbsent(s.getEpisodeId(), k -> new ArrayList<>()).add(s);
            if (s.getState() == EpisodeState.STAGE_COMPLETED) completed++;
          }
        }
      }
    }
  }

  private static List<String> deadLetterServices() {
    List<String> services = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : RawRecords.read(CLUSTER.cluster().bootstrapServers(),
        new TopicPartition(Topics.DEAD_LETTER.name(), 0), 1, Duration.ofSeconds(20))) {
      services.add(new String(r.headers().lastHeader(DeadLetterPublisher.H_SERVICE).value(), StandardCharsets.UTF_8));
    }
    return services;
  }
}
