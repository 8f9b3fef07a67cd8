package io.screenalytics.runtime.status;

import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.CpuUsage;
import io.screenalytics.runtime.cpu.Governors;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes an episode's lifecycle events of one stage to {@link Topics#STATUS}, keyed by episode id.
 * When a service of the stage's name runs in this process, every event also carries its CPU figures:
 * {@value #CPU_PERCENT} (CPU of the service's threads over the governor's window, percent of one core) and
 * {@value #THREADS} (threads it owns now), unless the caller set them. Thread-safe.
 */
public final class StatusPublisher {

  /** Counter: CPU of the stage's service over the governor's sliding window, percent of one core. */
  public static final String CPU_PERCENT = "cpu_percent";
  /** Counter: threads the stage's service owns (Java and native). */
  public static final String THREADS = "threads";
  /**
   * Counter of assembly's {@code PROGRESS} and {@code COMPLETED} events: distinct frames of the episode whose
   * {@code FaceEmbeddings} assembly has received, that is frames through detect-track and embed. The decoder's
   * back-pressure ({@code decoder.max.in.flight.frames}) reads it.
   */
  public static final String FRAMES_EMBEDDED = "frames_embedded";
  /**
   * Assembly reports {@link #FRAMES_EMBEDDED} every this many distinct frames: at the default stride (6) and 30 fps
   * about 3 s of video, about one event a second when the pipeline keeps up with the decoder (about 20 frames/s).
   * Between two events the count reported lags the truth by up to 15 frames, so the decoder's in-flight bound
   * must be at least this.
   */
  public static final int FRAMES_EMBEDDED_EVERY = 16;

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
   * @param counters  progress counters (frames, faces, seconds, ...); {@value #CPU_PERCENT} and {@value #THREADS}
   *                  are added
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
        .setCounters(withCpu(counters))
        .setOutputUri(outputUri)
        .build();
    out.send(Topics.STATUS, episodeId, s);
  }

  private Map<String, Double> withCpu(Map<String, Double> counters) {
    Optional<CpuUsage> usage = Governors.of(stage).map(CpuGovernor::usage);
    if (usage.isEmpty()) {
      return Map.copyOf(counters);
    }
    Map<String, Double> out = new LinkedHashMap<>(counters);
    out.putIfAbsent(CPU_PERCENT, Math.round(usage.get().cpuPercent() * 10) / 10.0);
    out.putIfAbsent(THREADS, (double) usage.get().threads());
    return out;
  }

  /** Sends a {@link EpisodeState#FAILED} event with its reason. */
  public void failed(Emitter out, String episodeId, String reason) {
    publish(out, episodeId, EpisodeState.FAILED, reason, Map.of(), null);
  }
}
