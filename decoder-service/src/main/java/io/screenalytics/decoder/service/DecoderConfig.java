package io.screenalytics.decoder.service;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.video.decode.SceneCutDetector;
import io.screenalytics.decoder.publish.FrameEncoder;
import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.StoreConfig;
import io.screenalytics.vision.image.PixelFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the decoder service, under the prefix {@code decoder.}, plus the shared {@code store.*} settings
 * (the artifact store used for claim-checked frames and for fetching {@code s3://} inputs). Immutable; parsed
 * and validated at start-up, every problem reported at once.
 *
 * @param service core quota (sets FFmpeg decoder threads), workers, consumer group
 * @param stride publish one frame in {@code stride} source frames (requests may override)
 * @param sampling sampling policy
 * @param maxLongSide long side of published frames in pixels ({@link FrameEncoder#SOURCE_SIZE} = 0 publishes
 *     at source size; never enlarges)
 * @param jpegQuality JPEG quality of published frames, 1..100
 * @param cutRatio adaptive ratio of a scene cut: a decoded frame's change over its neighbourhood's, at least 1
 *     (see {@link SceneCutDetector})
 * @param cutMinChange smallest change of a scene cut, mean absolute pixel difference on 0..255
 * @param cutCooldown cuts closer than this many source frames to the last one are suppressed
 * @param claimCheckBytes an encoded frame larger than this many bytes goes to the artifact store and the
 *     message carries its URI
 * @param tempDir where {@code s3://} inputs are downloaded before decoding
 * @param storeSettings the raw {@code store.*} settings (validated), for {@code ArtifactStores.open/fetch}
 * @param maxInFlightFrames back-pressure: the most frames of one episode the decoder lets be in flight, that is
 *     published but not yet reported as embedded by assembly (its {@code frames_embedded} progress counter);
 *     before sending a frame the decoder waits while this many are in flight. 0 disables the bound; otherwise at
 *     least {@link #MIN_MAX_IN_FLIGHT_FRAMES}
 * @param inFlightStall how long the decoder waits for assembly's count to advance before it gives up waiting,
 *     notes {@code backpressure_stall} in its {@code STAGE_COMPLETED} reason and publishes without the bound until
 *     assembly reports progress again (so a missing or stuck assembly never stops decoding)
 * @param skipLoopFilter FFmpeg's {@code skip_loop_filter} for the decoder ({@code none} by default)
 * @param maxSourcePixels largest decoded frame accepted, width x height in pixels; a larger video fails with
 *     {@code frame_too_large:} before any frame is decoded (a frame of 3840x2160 needs 25 MB as BGR; the default
 *     admits 8K UHD, 7680x4320)
 * @param publishFrom the pixel format frames are converted to for publishing: {@link PixelFormat#YUVJ420P} (scaled
 *     in YUV, encoded by FFmpeg's MJPEG encoder, the default) or {@link PixelFormat#BGR24} (converted to BGR and
 *     encoded by OpenCV, the path before; about 2.5x the CPU per published frame)
 * @param chunkSeconds chunked decoding: target chunk length, seconds; 0 (the default) decodes each episode whole on
 *     one decoder, above 0 the decoder taking an episode splits it into keyframe-aligned chunks ({@code ChunkPlan})
 *     that the decoder group decodes in parallel
 */
public record DecoderConfig(ServiceSettings service, int stride, SamplingPolicy sampling, int maxLongSide,
    int jpegQuality, double cutRatio, double cutMinChange, int cutCooldown, int claimCheckBytes, Path tempDir,
    Map<String, String> storeSettings, int maxInFlightFrames, Duration inFlightStall, long maxSourcePixels, String skipLoopFilter,
    PixelFormat publishFrom, double chunkSeconds) {

  /** Service name, thread prefix and status stage. */
  public static final String NAME = "decoder";

  /** Prefix of the decoder's own settings. */
  public static final String PREFIX = "decoder.";
  /** Default {@link #maxSourcePixels()}: 8K UHD, 7680 x 4320. */
  public static final long DEFAULT_MAX_SOURCE_PIXELS = 7680L * 4320L;
  /** Default long side of published frames, pixels: measured, see the module README. */
  public static final int DEFAULT_MAX_LONG_SIDE = 1280;
  /** Default JPEG quality: measured, see the module README. */
  public static final int DEFAULT_JPEG_QUALITY = 90;
  /**
   * Room left under the frames topic's {@code max.message.bytes} for the rest of the record (other fields,
   * record and batch headers, schema id): the default claim-check threshold is the limit minus this.
   */
  public static final int MESSAGE_HEADROOM_BYTES = 64 * 1024;
  /** Default claim-check threshold, bytes. */
  public static final int DEFAULT_CLAIM_CHECK_BYTES = Topics.FRAMES.maxMessageBytes() - MESSAGE_HEADROOM_BYTES;
  /**
   * Default bound on an episode's frames in flight (published, not yet reported embedded by assembly), frames.
   *
   * <p>Memory: an in-flight frame is a published JPEG (about 160 KB at the default 1280 long side and quality 90)
   * on the frames topic and in detect-track's fetch buffers, then its faces' aligned crops (about 38 KB a face,
   * 1.3-2 faces a frame on the shared clips) on the faces topic and in embed's buffers: about 0.2 MB a frame, so
   * 240 frames keep at most about 50 MB of one episode in the topics' backlog and the stages' fetch buffers,
   * however far behind embedding is (without a bound: the whole episode, 18,000 frames or about 3.6 GB for an hour
   * at stride 6 and 30 fps). The decoder itself holds two frames whatever the bound (the one held back and the one
   * just decoded).
   *
   * <p>Throughput: a healthy pipeline keeps far fewer in flight, so the bound does not slow it. Measured with every
   * stage at its default quota on this project's 2-core machine (the set-up of {@code BackPressureIT} without the
   * slowed embed stage): at most 46 frames in flight while the decoder published 105 frames at 12 frames/s, about
   * 4 s from decoder to assembly; at the decoder's full pace (about 20 frames/s: 4x real time at stride 6 and
   * 30 fps, see the README) that is about 80. 240 frames is 48 s of video at stride 6 and 30 fps, about 12 s of the
   * decoder's work.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT_FRAMES = 240;
  /**
   * Smallest bound allowed (other than 0, off), frames: assembly reports its {@code frames_embedded} count every
   * {@link StatusPublisher#FRAMES_EMBEDDED_EVERY} distinct frames, so its report may lag the truth by up to one less;
   * a smaller bound could wait for a report that never comes (until the stall timeout).
   */
  public static final int MIN_MAX_IN_FLIGHT_FRAMES = StatusPublisher.FRAMES_EMBEDDED_EVERY;
  /**
   * Default stall timeout, milliseconds: two minutes without a progress report of assembly while waiting. Embedding
   * 16 frames takes about 0.5 s at one core (1.3-2 faces a frame, 14 ms a face), so a healthy but loaded pipeline
   * reports far more often; a stage restarting (start-up with model loading about 10 s, then replaying its
   * uncommitted records) still fits within it.
   */
  public static final long DEFAULT_IN_FLIGHT_STALL_MS = 120_000L;

  static final ConfigDef DEF = new ConfigDef()
      .define("stride", Type.INT, 6, Range.between(1, 1000), Importance.HIGH,
          "Publish one frame in stride (6 at 30 fps = 5 frames per second).")
      .define("sampling", Type.STRING, SamplingPolicy.DEFAULT.name().toLowerCase(Locale.ROOT),
          ValidString.in("exact_stride", "fast_stride", "bidir_stride"), Importance.MEDIUM,
          "exact_stride: decode every frame, convert only sampled ones; fast_stride: skip non-reference frames"
              + " and publish the decoded frame nearest each stride point; bidir_stride: skip every B-frame"
              + " (cheaper, larger gaps).")
      .define("publish.max.long.side", Type.INT, DEFAULT_MAX_LONG_SIDE, Range.between(0, 16384), Importance.MEDIUM,
          "Long side of published frames, pixels (area-averaged down, never up); 0 publishes at source size.")
      .define("jpeg.quality", Type.INT, DEFAULT_JPEG_QUALITY, Range.between(1, 100), Importance.LOW,
          "JPEG quality of published frames.")
      .define("scene.cut.ratio", Type.DOUBLE, SceneCutDetector.DEFAULT_RATIO, Range.between(1.0, 100.0),
          Importance.LOW, "Adaptive ratio of a scene cut: a decoded frame's change over what its neighbours predict.")
      .define("scene.cut.min.change", Type.DOUBLE, SceneCutDetector.DEFAULT_MIN_CHANGE, Range.between(0.1, 255.0),
          Importance.LOW, "Smallest change of a scene cut, mean absolute pixel difference (0-255).")
      .define("scene.cut.cooldown", Type.INT, SceneCutDetector.DEFAULT_COOLDOWN_FRAMES, Range.atLeast(0),
          Importance.LOW, "Cuts closer than this many source frames to the last cut are suppressed.")
      .define("claim.check.bytes", Type.INT, DEFAULT_CLAIM_CHECK_BYTES,
          Range.between(1, Topics.FRAMES.maxMessageBytes() - 1024), Importance.LOW,
          "Encoded frames larger than this go to the artifact store; the message carries image_ref instead.")
      .define("temp.dir", Type.STRING, "", Importance.LOW,
          "Directory for s3:// inputs downloaded before decoding; empty means java.io.tmpdir.")
      .define("max.in.flight.frames", Type.INT, DEFAULT_MAX_IN_FLIGHT_FRAMES, Range.between(0, 1_000_000),
          Importance.MEDIUM, "Back-pressure: before sending a frame, the decoder waits while this many of the"
              + " episode's frames are published but not yet reported embedded by assembly (its frames_embedded"
              + " progress counter on the status topic). 0 disables the bound; otherwise at least "
              + MIN_MAX_IN_FLIGHT_FRAMES + " (assembly reports every 16 frames).")
      .define("in.flight.stall.ms", Type.LONG, DEFAULT_IN_FLIGHT_STALL_MS, Range.atLeast(1), Importance.LOW,
          "While waiting for room in flight: after this many milliseconds without progress from assembly the"
              + " decoder stops waiting, notes backpressure_stall in its STAGE_COMPLETED reason and publishes"
              + " without the bound until assembly reports progress again.")
      .define("max.source.pixels", Type.LONG, DEFAULT_MAX_SOURCE_PIXELS, Range.atLeast(1), Importance.LOW,
          "Largest decoded frame accepted, width x height in pixels; a larger video fails with frame_too_large:"
              + " before any frame is decoded.")
      .define("skip.loop.filter", Type.STRING, "none", ConfigDef.ValidString.in(
          DecodeSettings.LOOP_FILTER_VALUES.toArray(String[]::new)), Importance.LOW,
          "FFmpeg's skip_loop_filter: skip the in-loop deblocking filter on none, nonref, bidir, nonkey or all"
              + " frames (cheaper decoding, blockier pictures).")
      .define("publish.from", Type.STRING, "yuv", ValidString.in("yuv", "bgr"), Importance.LOW,
          "yuv: scale the decoded YUV and JPEG-encode its planes with FFmpeg's MJPEG encoder; bgr: convert to BGR"
              + " and encode with OpenCV (the earlier path, about 2.5x the CPU per published frame).")
      .define("chunk.seconds", Type.DOUBLE, 0.0, Range.between(0.0, 86_400.0), Importance.MEDIUM,
          "Chunked decoding: when above 0, the decoder that takes an episode splits it into keyframe-aligned chunks"
              + " of about this many seconds and publishes one task per chunk on screenalytics.decode.chunks; the"
              + " decoder group's members decode them in parallel (frames keep their global frame_idx and ts and"
              + " carry chunk_idx). 0 decodes every episode whole on one decoder.");

  /**
   * Parses {@code decoder.*} and validates {@code store.*}.
   *
   * @throws ConfigException listing every invalid setting
   */
  public static DecoderConfig from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF, PREFIX);
    int maxLongSide = (Integer) v.get("publish.max.long.side");
    if (maxLongSide != FrameEncoder.SOURCE_SIZE && maxLongSide < 16) {
      throw new ConfigException(PREFIX + "publish.max.long.side", maxLongSide, "must be 0 (source size) or >= 16");
    }
    int maxInFlight = (Integer) v.get("max.in.flight.frames");
    if (maxInFlight != 0 && maxInFlight < MIN_MAX_IN_FLIGHT_FRAMES) {
      throw new ConfigException(PREFIX + "max.in.flight.frames", maxInFlight,
          "must be 0 (no bound) or >= " + MIN_MAX_IN_FLIGHT_FRAMES + " (assembly reports progress every 16 frames)");
    }
    Map<String, String> store = new LinkedHashMap<>();
    settings.asMap().forEach((name, value) -> {
      if (name.startsWith("store.")) {
        store.put(name, value);
      }
    });
    StoreConfig.from(store); // validates now, so a bad store setting stops the service at start-up
    String temp = ((String) v.get("temp.dir")).strip();
    return new DecoderConfig(ServiceSettings.from(settings, "decoder", PREFIX), (Integer) v.get("stride"),
        SamplingPolicy.valueOf(((String) v.get("sampling")).toUpperCase(Locale.ROOT)), maxLongSide,
        (Integer) v.get("jpeg.quality"), (Double) v.get("scene.cut.ratio"),
        (Double) v.get("scene.cut.min.change"), (Integer) v.get("scene.cut.cooldown"),
        (Integer) v.get("claim.check.bytes"),
        Path.of(temp.isEmpty() ? System.getProperty("java.io.tmpdir") : temp), Map.copyOf(store), maxInFlight,
        Duration.ofMillis((Long) v.get("in.flight.stall.ms")), (Long) v.get("max.source.pixels"),
        (String) v.get("skip.loop.filter"),
        "bgr".equals(v.get("publish.from")) ? PixelFormat.BGR24 : PixelFormat.YUVJ420P,
        (Double) v.get("chunk.seconds"));
  }

  /**
   * The names of every setting the decoder reads: {@code decoder.*}, the settings every service has ({@link ServiceSettings#known}) and the store's; for {@link KnownSettings#check}.
   */
  public static KnownSettings known() {
    return KnownSettings.of(PREFIX, DEF).and(ServiceSettings.known("decoder", PREFIX)).and("", StoreConfig.DEF);
  }

  /** The declarations, for generated reference documentation. */
  public static ConfigDef definition() {
    return DEF;
  }
}
