package io.screenalytics.decoder;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the decoder published for a set of episodes: every frame and the terminal status event of each,
 * read from the start of the frames and status topics until each episode has ended.
 */
final class EpisodeOutputs {

  private final Map<String, List<Frame>> frames;
  private final Map<String, EpisodeStatus> terminal;

  private EpisodeOutputs(Map<String, List<Frame>> frames, Map<String, EpisodeStatus> terminal) {
    this.frames = frames;
    this.terminal = terminal;
  }

  /**
   * Reads until every episode has a terminal event ({@code FAILED} or {@code STAGE_COMPLETED}) and, when
   * completed, its last frame.
   *
   * @param stall longest time without any frame or status record: the wait goes on while records arrive, so a
   *              slower CPU makes it longer instead of failing it
   * @throws AssertionError naming the episodes still open after a stall
   */
  static EpisodeOutputs collect(KafkaSettings kafka, Collection<String> episodes, Duration stall) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, kafka.valueDeserializer());
    Map<String, List<Frame>> frames = new HashMap<>();
    Map<String, EpisodeStatus> terminal = new LinkedHashMap<>();
    long deadline = System.nanoTime() + stall.toNanos();
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = Stream.of(Topics.FRAMES, Topics.STATUS)
          .flatMap(t -> consumer.partitionsFor(t.name()).stream().map(i -> new TopicPartition(t.name(), i.partition())))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done(episodes, frames, terminal)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("episodes not finished, no record for " + stall + ": "
              + episodes.stream().filter(e -> !terminal.containsKey(e)).toList() + "; seen " + terminal);
        }
        for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
          deadline = System.nanoTime() + stall.toNanos();
          if (r.value() instanceof Frame f) {
            frames.computeIfAbsent(f.getEpisodeId(), k -> new ArrayList<>()).add(f);
          } else if (r.value() instanceof EpisodeStatus s && isTerminal(s.getState())) {
            terminal.put(s.getEpisodeId(), s);
          }
        }
      }
    }
    return new EpisodeOutputs(frames, terminal);
  }

  private static boolean done(Collection<String> episodes, Map<String, List<Frame>> frames,
      Map<String, EpisodeStatus> terminal) {
    Set<String> ended = terminal.keySet();
    return episodes.stream().allMatch(e -> ended.contains(e)
        && (terminal.get(e).getState() == EpisodeState.FAILED
            || frames.getOrDefault(e, List.of()).stream().anyMatch(Frame::getIsLast)));
  }

  private static boolean isTerminal(EpisodeState state) {
    return state == EpisodeState.FAILED || state == EpisodeState.STAGE_COMPLETED;
  }

  /** The episode's frames in the order published (one partition per episode keeps them in order). */
  List<Frame> frames(String episodeId) {
    return frames.getOrDefault(episodeId, List.of());
  }

  /** The episode's terminal status event. */
  EpisodeStatus terminal(String episodeId) {
    return terminal.get(episodeId);
  }
}
