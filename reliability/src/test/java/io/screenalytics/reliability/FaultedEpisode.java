package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.nio.file.Path;
import java.util.Optional;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One episode pushed through the running pipeline with a fault injected once it is under way (detect-track has
 * processed 20 frames), then its outputs read from the store: the fault tests' one way to run an episode.
 */
final class FaultedEpisode {

  private static final Logger LOG = LoggerFactory.getLogger(FaultedEpisode.class);

  /** Frames detect-track has processed when the fault is injected. */
  static final double FRAMES_BEFORE_FAULT = 20;

  /** A fault injected once the episode is under way. */
  interface Fault {
    void inject() throws Exception;
  }

  private FaultedEpisode() {}

  /** The shared 10 s Hamilton clip (640x360, 29.97 fps) the fault tests run. */
  static Path hamiltonClip() {
    return Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/short_hamilton_clip.mp4");
  }

  /**
   * {@link #run(KafkaSettings, Path, Path, String, Fault, Topic)} with the episode's embeddings as the evidence of
   * work in flight.
   */
  static EpisodeOutputs run(KafkaSettings kafka, Path store, Path video, String episodeId, Fault fault)
      throws Exception {
    return run(kafka, store, video, episodeId, fault, Topics.EMBEDDINGS);
  }

  /**
   * Pushes {@code video} as {@code episodeId}, injects {@code fault} (none when null) mid-episode, waits while the
   * episode progresses, asserts it completed and reads its outputs. Asserts too that the fault struck while the
   * episode's work was in flight: some of its records on {@code evidence} (the killed stage's output; the
   * embeddings, which assembly waits for, for a broker fault) were written after the fault ({@link WorkInFlight});
   * the margin is logged.
   */
  static EpisodeOutputs run(KafkaSettings kafka, Path store, Path video, String episodeId, Fault fault,
      Topic<?, ?> evidence) throws Exception {
    WorkInFlight[] afterFault = {null};
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      ingestor.push(episodeId, video.toString(), null, null);
      boolean[] injected = {fault == null};
      Optional<EpisodeStatus> end = watcher.awaitWhileProgressing(episodeId, s -> {
        if (!injected[0] && "detect-track".equals(s.getStage())
            && s.getCounters().getOrDefault("frames", 0.0) >= FRAMES_BEFORE_FAULT) {
          injected[0] = true;
          try {
            fault.inject();
            afterFault[0] = WorkInFlight.after(kafka, evidence);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
      assertThat(injected[0]).as("fault injected mid-episode").isTrue();
      assertThat(end).as("episode " + episodeId + " finished").isPresent();
      assertThat(end.get().getState()).as(end.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
    }
    if (fault != null) {
      WorkInFlight.Count count = afterFault[0].recordsSince(kafka, episodeId);
      LOG.info("{}: the fault struck with work in flight: {} {} records of the episode written after it", episodeId,
          count, evidence.name());
      assertThat(count.after()).as("%s records of %s written after the fault (of %s)", evidence.name(), episodeId,
          count.total()).isPositive();
    }
    return EpisodeOutputs.read(store, episodeId);
  }
}
