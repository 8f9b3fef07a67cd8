package io.screenalytics.bench.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configurations {@code bench/run episode} runs, by name, each as the settings it changes from the defaults:
 * the configuration before the cost work, the defaults, each cost lever on and off, and the whole pipeline with the
 * voice and active speaker stages. Names are what {@code --only} matches.
 */
public final class EpisodeConfigurations {

  /**
   * The configuration before the cost work (issue 17), spelled out so that it stays comparable when defaults
   * change: frames published through BGR and OpenCV's encoder, every detected face embedded, the detector at 640,
   * the in-loop filter on, {@code fast_stride}.
   */
  public static final Map<String, String> TODAY = Map.of("decoder.publish.from", "bgr", "detect.embed.every.frames", "0",
      "detect.input.size", "640", "decoder.skip.loop.filter", "none", "decoder.sampling", "fast_stride");

  /**
   * The defaults before this session's cost levers (issue 26, second part), spelled out: every service commits its
   * offsets (after a producer flush) after every poll, producers linger 5 ms, the detector scales the full BGR picture,
   * detect-track fetches as soon as a frame is there.
   */
  public static final Map<String, String> SESSION_3 = Map.of("decoder.loop.commit.interval.ms", "0",
      "detect.loop.commit.interval.ms", "0", "embed.loop.commit.interval.ms", "0",
      "assembly.loop.commit.interval.ms", "0", "kafka.linger.ms", "5", "detect.input.from", "bgr",
      "detect.fetch.min.bytes", "1");

  private static Map<String, String> without(Map<String, String> settings, String... names) {
    Map<String, String> out = new LinkedHashMap<>(settings);
    for (String n : names) {
      out.remove(n);
    }
    return out;
  }

  /**
   * The configurations: name and its settings. The first is {@link #TODAY}, against which screen time is compared;
   * each lever alone is {@link #TODAY} with that one setting changed.
   */
  public static Map<String, Map<String, String>> configurations() {
    Map<String, Map<String, String>> c = new LinkedHashMap<>();
    c.put("today's configuration", TODAY);
    c.put("defaults", Map.of());
    c.put("before the session-4 levers", SESSION_3);
    c.put("defaults, detector input from BGR", Map.of("detect.input.from", "bgr"));
    c.put("defaults, linger 5 ms", Map.of("kafka.linger.ms", "5"));
    c.put("defaults, linger 50 ms", Map.of("kafka.linger.ms", "50"));
    c.put("defaults, commit every poll", without(SESSION_3, "kafka.linger.ms", "detect.input.from",
        "detect.fetch.min.bytes"));
    c.put("defaults, detect fetches 1 byte", Map.of("detect.fetch.min.bytes", "1"));
    c.put("publish from YUV (FFmpeg MJPEG)", lever("decoder.publish.from", "yuv"));
    c.put("detector input 320", lever("detect.input.size", "320"));
    c.put("decoder skip_loop_filter=all", lever("decoder.skip.loop.filter", "all"));
    c.put("decoder skip_frame=bidir", lever("decoder.sampling", "bidir_stride"));
    c.put("embed cadence 12 source frames", lever("detect.embed.every.frames", "12"));
    c.put("embed cadence 24 source frames", lever("detect.embed.every.frames", "24"));
    c.put("kafka lz4 compression", lever("kafka.compression.type", "lz4"));
    c.put("defaults + loop filter off", Map.of("decoder.skip.loop.filter", "all"));
    c.put("defaults + bidir", Map.of("decoder.sampling", "bidir_stride"));
    c.put("defaults + loop filter off + bidir", Map.of("decoder.skip.loop.filter", "all",
        "decoder.sampling", "bidir_stride"));
    return c;
  }

  /**
   * The configurations that run every stage as {@code screenalytics run} does, voice and active speaker included,
   * with the defaults: "voices" without the active speaker stage ({@code asd.enabled=false}, as a user switches it
   * off), "voices and asd" with it, and "voices and asd, no doubt spans" with {@code asd.doubt.ms=0}. Not run unless
   * {@code --only} names them or {@code --two-shot} is given.
   */
  public static final Map<String, Map<String, String>> WHOLE_PIPELINE = wholePipeline();

  private static Map<String, Map<String, String>> wholePipeline() {
    Map<String, Map<String, String>> c = new LinkedHashMap<>();
    c.put("voices", Map.of("asd.enabled", "false"));
    c.put("voices and asd", Map.of("asd.enabled", "true"));
    // the spans of a voice whose face is in doubt switched off: two-face spans only, as before issue 25's doubt rule
    c.put("voices and asd, no doubt spans", Map.of("asd.enabled", "true", "asd.doubt.ms", "0"));
    return c;
  }

  private static Map<String, String> lever(String name, String value) {
    Map<String, String> settings = new LinkedHashMap<>(TODAY);
    settings.put(name, value);
    return settings;
  }

  private EpisodeConfigurations() {}
}
