package io.screenalytics.assembly.service;

import io.screenalytics.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How long assembly waits for an episode's active speaker result ({@code screenalytics.asd}: every chunk) once its
 * faces are complete. An episode with none by then completes with the voices linked by presence alone: its result
 * is {@code MISSING} when the active speaker stage had started on it, {@code NONE} when no such stage was seen (one
 * switched off, {@code asd.enabled=false}, or not deployed).
 *
 * @param afterStart  the bound when the stage has started on the episode (its {@code STARTED} or {@code PROGRESS}
 *                    event or a result seen): {@code assembly.asd.wait.ms}
 * @param beforeStart the bound when nothing of the stage has been seen for it: {@code assembly.asd.start.wait.ms}
 */
public record AsdWait(Duration afterStart, Duration beforeStart) {

  /**
   * 600 s after the stage started: it starts on an episode when its request arrives and scores once the tracks and
   * the speech are in, at about 1.1 CPU-s per second of two-face speech on this 2-core machine
   * (docs/active-speaker.md), so 10 minutes covers 9 minutes of contested speech on a CPU several times slower;
   * 0 s when it has not started, so deployments without the stage (and their tests) complete as they did.
   */
  static final ConfigDef DEF = new ConfigDef()
      .define("asd.wait.ms", Type.LONG, 600_000L, Range.between(0, 86_400_000L), Importance.MEDIUM,
          "Milliseconds an episode whose faces are complete waits for its active speaker result once the asd stage"
              + " has started on it; then its voices are linked by presence alone (active speaker MISSING).")
      .define("asd.start.wait.ms", Type.LONG, 0L, Range.between(0, 86_400_000L), Importance.LOW,
          "Milliseconds an episode whose faces are complete waits for the asd stage to start on it (then NONE).");

  /** No waiting at all (tests, rescore). */
  public static final AsdWait NONE = new AsdWait(Duration.ZERO, Duration.ZERO);

  /**
   * Parses {@code assembly.asd.wait.ms} and {@code assembly.asd.start.wait.ms}.
   *
   * @throws org.apache.kafka.common.config.ConfigException listing every invalid setting
   */
  public static AsdWait from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF, AssemblyServiceConfig.PREFIX);
    return new AsdWait(Duration.ofMillis((Long) v.get("asd.wait.ms")), Duration.ofMillis((Long) v.get("asd.start.wait.ms")));
  }

  /** The bound for an episode, by whether the stage has started on it. */
  public Duration bound(boolean started) {
    return started ? afterStart : beforeStart;
  }
}
