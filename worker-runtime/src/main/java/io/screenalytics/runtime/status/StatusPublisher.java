package io.screenalytics.runtime.status;

import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import java.time.Clock;
import java.util.Map;

/**
 * Publishes an episode's lifecycle events of one stage to {@link Topics#STATUS}, keyed by episode id.
 * Thread-safe.
 */
public final class StatusPublisher {

  private final String stage;
  private final Clock clock;

  /** @param stage the stage name: decoder, detect-track, embed or assembly */
  public StatusPublisher(String stage, Clock clock) {
    this.stage = stage;
    this.clock = clock;
  }

  public StatusPublisher(String stage) {
    this(stage, Clock.systemUTC());
  }

  /** The stage this publisher speaks for. */
  public String stage() {
    return stage;
  }

  /**
   * Sends one event.
   *
   * @param reason    why it failed, or the warnings; may be null
   * @param counters  progress counters (frames, faces, seconds, ...)
   * @param outputUri where the results are, on completion; may be null
   */
  public void publish(Emitter out, String episodeId, EpisodeState state, String reason,
      Map<String, Double> counters, String outputUri) {
    EpisodeStatus s = EpisodeStatus.newBuilder()
        .setEpisodeId(episodeId)
        .setStage(stage)
        .setState(state)
        .setReason(reason)
        .setAtMs(clock.millis())
        .setCounters(Map.copyOf(counters))
        .setOutputUri(outputUri)
        .build();
    out.send(Topics.STATUS, episodeId, s);
  }

  /** Sends a {@link EpisodeState#FAILED} event with its reason. */
  public void failed(Emitter out, String episodeId, String reason) {
    publish(out, episodeId, EpisodeState.FAILED, reason, Map.of(), null);
  }
}
