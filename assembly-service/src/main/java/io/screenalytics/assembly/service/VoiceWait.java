package io.screenalytics.assembly.service;

import io.screenalytics.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;

/**
 * How long assembly waits for an episode's voice result ({@code screenalytics.voice}: the final chunk, or a
 * {@code NO_AUDIO} / {@code FAILED} result) once its faces are complete. An episode with no voice result by then
 * completes without voices, and its {@code screen_time.json} says so ({@code voice.state} {@code MISSING}).
 *
 * @param afterStart  the bound when the voice stage has started on the episode (its {@code STARTED} or
 *                    {@code PROGRESS} event or a voice record seen): {@code assembly.voice.wait.ms}
 * @param beforeStart the bound when nothing of the voice stage has been seen for it (no voice service deployed, or
 *                    one far behind): {@code assembly.voice.start.wait.ms}
 */
public record VoiceWait(Duration afterStart, Duration beforeStart) {

  /**
   * 120 s after the voice stage started: it analyses a 45-minute episode in about 51 s on one core and usually
   * finishes long before the faces; 0 s when it has not started, so deployments without a voice service (and
   * their tests) complete as they did.
   */
  static final ConfigDef DEF = new ConfigDef()
      .define("voice.wait.ms", Type.LONG, 120_000L, Range.between(0, 86_400_000L), Importance.MEDIUM,
          "Milliseconds an episode whose faces are complete waits for its voice result once the voice stage has"
              + " started on it; then it completes without voices.")
      .define("voice.start.wait.ms", Type.LONG, 0L, Range.between(0, 86_400_000L), Importance.LOW,
          "Milliseconds an episode whose faces are complete waits for the voice stage to start on it.");

  /** No waiting at all (tests, rescore). */
  public static final VoiceWait NONE = new VoiceWait(Duration.ZERO, Duration.ZERO);

  /**
   * Parses {@code assembly.voice.wait.ms} and {@code assembly.voice.start.wait.ms}.
   *
   * @throws org.apache.kafka.common.config.ConfigException listing every invalid setting
   */
  public static VoiceWait from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF, AssemblyServiceConfig.PREFIX);
    return new VoiceWait(Duration.ofMillis((Long) v.get("voice.wait.ms")),
        Duration.ofMillis((Long) v.get("voice.start.wait.ms")));
  }

  /** The bound for an episode, by whether the voice stage has started on it. */
  public Duration bound(boolean voiceStarted) {
    return voiceStarted ? afterStart : beforeStart;
  }
}
