package io.screenalytics.voice.service;

import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.store.StoreConfig;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.speech.Windowing;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the voice service, under the prefix {@code voice.} (plus {@code models.dir} and {@code store.*}).
 *
 * @param service         core quota (ONNX Runtime intra-op threads of the speaker model), workers, consumer group
 * @param modelsDir       models directory, or null for the default lookup
 * @param batch           windows per speaker-model call
 * @param detector        speech detection on the VAD's probabilities
 * @param windowing       window length and step
 * @param windowsPerRecord windows per {@code VoiceWindows} record (each about 1.1 KB)
 * @param cache           whether window embeddings are cached in the artifact store
 * @param progressEvery   seconds of decoded audio between two progress events
 * @param tempDir         where {@code s3://} inputs are downloaded before decoding
 * @param storeSettings   the raw {@code store.*} settings (validated)
 */
public record VoiceConfig(ServiceSettings service, String modelsDir, int batch, SpeechDetector detector,
    Windowing windowing, int windowsPerRecord, boolean cache, double progressEvery, Path tempDir,
    Map<String, String> storeSettings) {

  /** Setting prefix. */
  public static final String PREFIX = "voice.";
  /** 32 windows per call: 3.9 ms per window against 8.3 ms at batch 1 on one thread ({@code MODELS.md}). */
  public static final int DEFAULT_BATCH = 32;
  /** 512 windows per record, about 560 KB: well under the topic's 4 MiB. */
  public static final int DEFAULT_WINDOWS_PER_RECORD = 512;

  static final ConfigDef DEF = new ConfigDef()
      .define("embed.batch", Type.INT, DEFAULT_BATCH, Range.between(1, 1024), Importance.MEDIUM,
          "Windows per speaker-model call.")
      .define("vad.threshold", Type.DOUBLE, SpeechDetector.DEFAULT.threshold(), Range.between(0.01, 0.99),
          Importance.MEDIUM, "Speech probability at which speech starts (ends below it minus 0.15).")
      .define("vad.min.silence.ms", Type.INT, (int) Math.round(SpeechDetector.DEFAULT.minSilence() * 1000),
          Range.between(0, 10_000), Importance.LOW, "Silence that ends a stretch of speech, milliseconds.")
      .define("vad.pad.ms", Type.INT, (int) Math.round(SpeechDetector.DEFAULT.pad() * 1000), Range.between(0, 2000),
          Importance.LOW, "Padding added to each side of a stretch of speech, milliseconds.")
      .define("window.seconds", Type.DOUBLE, Windowing.DEFAULT.length(), Range.between(0.5, 10.0),
          Importance.LOW, "Window length, seconds (1.6: one GE2E partial).")
      .define("window.step.seconds", Type.DOUBLE, Windowing.DEFAULT.step(), Range.between(0.05, 10.0),
          Importance.LOW, "Seconds between window starts.")
      .define("windows.per.record", Type.INT, DEFAULT_WINDOWS_PER_RECORD, Range.between(1, 3000),
          Importance.LOW, "Windows per VoiceWindows record.")
      .define("cache", Type.BOOLEAN, true, Importance.LOW,
          "Cache window embeddings in the artifact store (voice/cache/<episode>/...), so a rerun makes no model call.")
      .define("progress.every.seconds", Type.DOUBLE, 60.0, Range.between(1.0, 3600.0), Importance.LOW,
          "Seconds of decoded audio between progress events.")
      .define("temp.dir", Type.STRING, System.getProperty("java.io.tmpdir"), Importance.LOW,
          "Where s3:// inputs are downloaded before decoding.");

  /**
   * The names of every setting the voice service reads: {@code voice.*}, the settings every service has ({@link ServiceSettings#known}), {@code models.dir} and the store's; for {@link KnownSettings#check}.
   */
  public static KnownSettings known() {
    return KnownSettings.of(PREFIX, DEF).and(ServiceSettings.known("voice", PREFIX))
        .and("", ServiceSettings.MODELS_DEF).and("", StoreConfig.DEF);
  }

  /**
   * Parses {@code voice.*} and validates {@code store.*}.
   *
   * @throws ConfigException listing every invalid setting
   */
  public static VoiceConfig from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF, PREFIX);
    Map<String, String> store = new LinkedHashMap<>();
    settings.asMap().forEach((name, value) -> {
      if (name.startsWith("store.")) store.put(name, value);
    });
    StoreConfig.from(store);
    SpeechDetector detector = new SpeechDetector((Double) v.get("vad.threshold"), SpeechDetector.DEFAULT.minSpeech(),
        (Integer) v.get("vad.min.silence.ms") / 1000.0, (Integer) v.get("vad.pad.ms") / 1000.0);
    return new VoiceConfig(ServiceSettings.from(settings, "voice", PREFIX), settings.asMap().get(ServiceSettings.MODELS_DIR),
        (Integer) v.get("embed.batch"), detector,
        new Windowing((Double) v.get("window.seconds"), (Double) v.get("window.step.seconds")),
        (Integer) v.get("windows.per.record"), (Boolean) v.get("cache"), (Double) v.get("progress.every.seconds"),
        Path.of(((String) v.get("temp.dir")).strip()), Map.copyOf(store));
  }
}
