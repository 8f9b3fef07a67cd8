package io.screenalytics.asd.service;

import io.screenalytics.asd.model.LightAsd;
import io.screenalytics.asd.span.SpanPlanner;
import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the active speaker service, under the prefix {@code asd.} (plus {@code models.dir} and {@code store.*}).
 *
 * @param service       core quota (Light-ASD's intra-op threads; FFmpeg decodes on one thread), workers, consumer group
 * @param enabled       whether {@code screenalytics run} starts the stage ({@code asd.enabled})
 * @param modelsDir     models directory, or null for the default lookup
 * @param model         the Light-ASD model's catalogue name
 * @param planner       speech padding, shortest span and how far a face-in-doubt span reaches from a change of face
 * @param voiceWait     how long an episode whose tracks are complete waits for its voice result before its active
 *                      speaker result is given up as {@code FAILED}
 * @param tempDir       where {@code s3://} inputs are downloaded before decoding
 * @param storeSettings the raw {@code store.*} settings (validated)
 */
public record AsdConfig(ServiceSettings service, boolean enabled, String modelsDir, String model, SpanPlanner planner,
    Duration voiceWait, Path tempDir, Map<String, String> storeSettings) {

  /** Setting prefix. */
  public static final String PREFIX = "asd.";
  /** Service name, thread prefix and status stage. */
  public static final String NAME = "asd";

  static final ConfigDef DEF = new ConfigDef()
      .define("enabled", Type.BOOLEAN, true, Importance.MEDIUM,
          "Run the active speaker stage: 'screenalytics run' starts the asd service (false: voices are linked to the"
              + " face on screen alone, and assembly records the active speaker result as NONE).")
      .define("model", Type.STRING, LightAsd.DEFAULT_MODEL.name(), Importance.LOW,
          "Light-ASD model (light_asd_ava, the default chosen in docs/active-speaker.md, or light_asd_talkset).")
      .define("pad.ms", Type.INT, (int) Math.round(SpanPlanner.DEFAULT.padSeconds() * 1000), Range.between(0, 5000),
          Importance.LOW, "Milliseconds added to both sides of each speech region before contested spans are cut.")
      .define("min.span.ms", Type.INT, (int) Math.round(SpanPlanner.DEFAULT.minSeconds() * 1000),
          Range.between(300, 60_000), Importance.LOW, "Shortest contested span scored, milliseconds.")
      .define("doubt.ms", Type.INT, (int) Math.round(SpanPlanner.DEFAULT.doubtSeconds() * 1000),
          Range.between(0, 60_000), Importance.LOW, "How far a span of a voice whose face is in doubt (the same voice"
              + " across a change of the single face on screen: a reaction shot) reaches on each side of the change,"
              + " milliseconds; 0 scores no such span.")
      .define("voice.wait.ms", Type.LONG, 1_800_000L, Range.between(0, 86_400_000L), Importance.LOW,
          "Milliseconds an episode whose tracks are complete waits for its voice result; then its active speaker"
              + " result is FAILED (no speech to decide on).")
      .define("temp.dir", Type.STRING, System.getProperty("java.io.tmpdir"), Importance.LOW,
          "Where s3:// inputs are downloaded before decoding.");

  /**
   * The names of every setting the service reads: {@code asd.*}, the settings every service has
   * ({@link ServiceSettings#known}), {@code models.dir} and the store's; for {@link KnownSettings#check}.
   */
  public static KnownSettings known() {
    return KnownSettings.of(PREFIX, DEF).and(ServiceSettings.known(NAME, PREFIX))
        .and("", ServiceSettings.MODELS_DEF).and("", StoreConfig.DEF);
  }

  /**
   * Parses {@code asd.*} and validates {@code store.*}.
   *
   * @throws ConfigException listing every invalid setting
   */
  public static AsdConfig from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF, PREFIX);
    Map<String, String> store = new LinkedHashMap<>();
    settings.asMap().forEach((name, value) -> {
      if (name.startsWith("store.")) store.put(name, value);
    });
    StoreConfig.from(store);
    return new AsdConfig(ServiceSettings.from(settings, NAME, PREFIX), (Boolean) v.get("enabled"),
        settings.asMap().get(ServiceSettings.MODELS_DIR), ((String) v.get("model")).strip(),
        new SpanPlanner((Integer) v.get("pad.ms") / 1000.0, (Integer) v.get("min.span.ms") / 1000.0,
            (Integer) v.get("doubt.ms") / 1000.0),
        Duration.ofMillis((Long) v.get("voice.wait.ms")), Path.of(((String) v.get("temp.dir")).strip()),
        Map.copyOf(store));
  }
}
