package io.screenalytics.assembly.service;

import io.screenalytics.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;

/**
 * How long assembly waits, once an episode's faces are complete, for the result of a stage that runs beside the
 * faces: the voice result ({@code screenalytics.voice}: the final chunk, or a {@code NO_AUDIO} / {@code FAILED}
 * result) and the active speaker result ({@code screenalytics.asd}: every chunk). An episode with no voice result by
 * then completes without voices, and its {@code screen_time.json} says so ({@code voice.state} {@code MISSING}); one
 * without an active speaker result links its voices by presence alone ({@code MISSING} when the stage had started
 * on it, {@code NONE} when no such stage was seen: switched off with {@code asd.enabled=false}, or not deployed).
 *
 * @param afterStart  the bound when the stage has started on the episode (its {@code STARTED} or {@code PROGRESS}
 *                    event or a result record seen): {@code assembly.voice.wait.ms}, {@code assembly.asd.wait.ms}
 * @param beforeStart the bound when nothing of the stage has been seen for it (none deployed, or one far behind):
 *                    {@code assembly.voice.start.wait.ms}, {@code assembly.asd.start.wait.ms}
 */
public record StageWait(Duration afterStart, Duration beforeStart) {

  /**
   * 120 s after the voice stage started: it analyses a 45-minute episode in about 51 s on one core and usually
   * finishes long before the faces; 600 s after the active speaker stage started: it scores once the tracks and the
   * speech are in, at about 0.6 CPU-s per second of two-face speech on this 2-core machine (docs/active-speaker.md),
   * so 10 minutes covers several minutes of contested speech on a CPU several times slower. 0 s when a stage has not
   * started, so deployments without it (and their tests) complete as they did.
   */
  static final ConfigDef DEF = new ConfigDef()
      .define("voice.wait.ms", Type.LONG, 120_000L, Range.between(0, 86_400_000L), Importance.MEDIUM,
          "Milliseconds an episode whose faces are complete waits for its voice result once the voice stage has"
              + " started on it; then it completes without voices.")
      .define("voice.start.wait.ms", Type.LONG, 0L, Range.between(0, 86_400_000L), Importance.LOW,
          "Milliseconds an episode whose faces are complete waits for the voice stage to start on it.")
      .define("asd.wait.ms", Type.LONG, 600_000L, Range.between(0, 86_400_000L), Importance.MEDIUM,
          "Milliseconds an episode whose faces are complete waits for its active speaker result once the asd stage"
              + " has started on it; then its voices are linked by presence alone (active speaker MISSING).")
      .define("asd.start.wait.ms", Type.LONG, 0L, Range.between(0, 86_400_000L), Importance.LOW,
          "Milliseconds an episode whose faces are complete waits for the asd stage to start on it (then NONE).");

  /** No waiting at all (tests, rescore). */
  public static final StageWait NONE = new StageWait(Duration.ZERO, Duration.ZERO);

  /**
   * Parses {@code assembly.<stage>.wait.ms} and {@code assembly.<stage>.start.wait.ms}.
   *
   * @param stage {@code voice} or {@code asd}
   * @throws org.apache.kafka.common.config.ConfigException listing every invalid setting
   */
  public static StageWait from(Settings settings, String stage) {
    Map<String, Object> v = settings.parse(DEF, AssemblyServiceConfig.PREFIX);
    return new StageWait(Duration.ofMillis((Long) v.get(stage + ".wait.ms")),
        Duration.ofMillis((Long) v.get(stage + ".start.wait.ms")));
  }

  /** The bound for an episode, by whether the stage has started on it. */
  public Duration bound(boolean started) {
    return started ? afterStart : beforeStart;
  }
}
