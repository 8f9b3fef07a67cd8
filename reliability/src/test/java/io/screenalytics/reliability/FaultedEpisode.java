package io.screenalytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.launcher.Ingestor;
import io.screenalytics.launcher.StatusWatcher;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One episode pushed through the running pipeline with a fault injected once it is under way (detect-track has
 * processed 20 frames), then its outputs read from the store: the fault tests' one way to run an episode.
 */
final class FaultedEpisode {

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
   * Pushes {@code video} as {@code episodeId}, injects {@code fault} (none when null) mid-episode, waits while the
   * episode progresses, asserts it completed and reads its outputs.
   */
  static EpisodeOutputs run(KafkaSettings kafka, Path store, Path video, String episodeId, Fault fault)
      throws Exception {
    try (Ingestor ingestor = new Ingestor(kafka); StatusWatcher watcher = new StatusWatcher(kafka)) {
      ingestor.push(episodeId, video.toString(), null, null);
      boolean[] injected = {fault == null};
      Optional<EpisodeStatus> end = watcher.awaitWhileProgressing(episodeId, s -> {
        if (!injected[0] && "detect-track".equals(s.getStage())
            && s.getCounters().getOrDefault("frames", 0.0) >= FRAMES_BEFORE_FAULT) {
          injected[0] = true;
          try {
            fault.inject();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
      assertThat(injected[0]).as("fault injected mid-episode").isTrue();
      assertThat(end).as("episode " + episodeId + " finished").isPresent();
      assertThat(end.get().getState()).as(end.get().getReason()).isEqualTo(EpisodeState.COMPLETED);
    }
    return EpisodeOutputs.read(store, episodeId);
  }
}
