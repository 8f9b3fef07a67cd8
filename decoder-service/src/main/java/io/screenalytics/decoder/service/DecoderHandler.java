package io.screenalytics.decoder.service;

import io.screenalytics.decoder.decode.DecodeSettings;
import io.screenalytics.decoder.decode.DecodeStats;
import io.screenalytics.decoder.decode.DecodeWarning;
import io.screenalytics.decoder.decode.DecodedFrame;
import io.screenalytics.decoder.decode.FrameSampler;
import io.screenalytics.decoder.decode.SceneCutDetector;
import io.screenalytics.decoder.decode.VideoDecodeException;
import io.screenalytics.decoder.decode.VideoInfo;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.EpisodeIds;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decodes one episode per request and publishes its strided frames, in order, keyed by episode id. The last
 * published frame carries {@code is_last} (frames are held back by one so the last one is known), the
 * number of frames published and the duration. Scene cuts detected on the sampled frames are flagged.
 *
 * <p>Bad input never escapes as an exception: a video that cannot be opened ends with a {@code FAILED}
 * event carrying the reason; a decode error after some frames ends the episode with what was decoded and
 * the error as a warning. One instance per worker thread.
 */
final class DecoderHandler implements BatchHandler<EpisodeRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(DecoderHandler.class);
  private static final int PROGRESS_EVERY = 50;

  private final DecoderConfig config;
  private final StatusPublisher status = new StatusPublisher("decoder");

  DecoderHandler(DecoderConfig config) {
    this.config = config;
  }

  @Override
  public void handle(List<Delivery<EpisodeRequest>> batch, Emitter out) {
    for (Delivery<EpisodeRequest> d : batch) {
      EpisodeRequest r = d.value();
      MDC.put("episode_id", r.getEpisodeId());
      try {
        decode(r, out);
      } finally {
        MDC.remove("episode_id");
      }
    }
  }

  private void decode(EpisodeRequest r, Emitter out) {
    String id = r.getEpisodeId();
    if (!EpisodeIds.isValid(id)) {
      status.failed(out, id, "invalid episode id: expected 1-128 characters of [A-Za-z0-9._-]");
      return;
    }
    int stride = r.getStride() != null ? r.getStride() : config.stride();
    if (stride < 1) {
      status.failed(out, id, "invalid stride " + stride + ": must be >= 1");
      return;
    }
    String location = r.getVideoUri();
    if (location.startsWith("s3:")) {
      status.failed(out, id, "s3:// inputs are not supported by this decoder yet: " + location);
      return;
    }
    Frame held = null;
    long published = 0;
    String error = null;
    VideoInfo info = null;
    DecodeStats stats = null;
    List<DecodeWarning> warnings = List.of();
    long t0 = System.nanoTime();
    try (FrameSampler frames = FrameSampler.open(location,
        new DecodeSettings(stride, config.sampling(), config.service().computeThreads()))) {
      info = frames.info();
      status.publish(out, id, EpisodeState.STARTED, null, started(info, stride), null);
      SceneCutDetector cuts = new SceneCutDetector(config.cutThreshold(), config.cutCooldown());
      try {
        while (frames.hasNext()) {
          DecodedFrame df = frames.next();
          boolean cut = cuts.cutPrecedes(df);
          Frame f = toFrame(id, df, info, stride, cut, r.getFacebankUri());
          if (held != null) {
            out.send(Topics.FRAMES, id, held);
            published++;
            if (published % PROGRESS_EVERY == 0) {
              status.publish(out, id, EpisodeState.PROGRESS, null, Map.of("frames_published", (double) published,
                  "frames_decoded", (double) frames.framesDecoded()), null);
            }
          }
          held = f;
        }
      } catch (RuntimeException e) {
        error = describe(e);
        LOG.warn("episode {}: decoding stopped after {} frames: {}", id, published, error);
      }
      stats = frames.stats();
      warnings = frames.warnings();
    } catch (VideoDecodeException e) {
      error = describe(e);
    } catch (RuntimeException e) {
      error = describe(e);
      LOG.error("episode {}: decoder failed", id, e);
    }
    if (held == null) {
      status.failed(out, id, error != null ? error : "no video frames could be decoded from " + location);
      return;
    }
    double lastTs = held.getTs();
    double duration = info != null && info.durationSeconds() > 0 ? info.durationSeconds()
        : lastTs + (info != null ? info.frameDurationSeconds() : 0);
    held.setIsLast(true);
    held.setFramesPublished(published + 1);
    held.setDurationS(duration);
    out.send(Topics.FRAMES, id, held);
    String reason = warnings(warnings, error);
    Map<String, Double> counters = new LinkedHashMap<>();
    counters.put("frames_published", (double) (published + 1));
    if (stats != null) {
      counters.put("frames_decoded", (double) stats.framesDecoded());
      counters.put("frames_failed", (double) stats.framesFailed());
    }
    counters.put("decode_seconds", (System.nanoTime() - t0) / 1e9);
    status.publish(out, id, EpisodeState.STAGE_COMPLETED, reason, counters, null);
    LOG.info("episode {}: published {} frames{}", id, published + 1, reason == null ? "" : " (" + reason + ")");
  }

  private Frame toFrame(String id, DecodedFrame df, VideoInfo info, int stride, boolean cut, String facebankUri) {
    BgrImage image = new BgrImage(df.width(), df.height(), df.bgrCopy());
    byte[] jpeg = ImageOps.encodeJpeg(image, config.jpegQuality());
    return Frame.newBuilder()
        .setEpisodeId(id)
        .setFrameIdx(df.frameIdx())
        .setTs(df.tsSeconds())
        .setWidth(df.width())
        .setHeight(df.height())
        .setSourceWidth(df.width())
        .setSourceHeight(df.height())
        .setImageFormat("jpeg")
        .setImage(ByteBuffer.wrap(jpeg))
        .setSceneCut(cut)
        .setIsLast(false)
        .setFps(info.fps())
        .setStride(stride)
        .setFacebankUri(facebankUri)
        .build();
  }

  private static Map<String, Double> started(VideoInfo info, int stride) {
    Map<String, Double> c = new LinkedHashMap<>();
    c.put("frames_expected", Math.ceil(info.frameCountEstimate() / (double) stride));
    c.put("fps", info.fps());
    c.put("width", (double) info.width());
    c.put("height", (double) info.height());
    c.put("duration_s", info.durationSeconds());
    return c;
  }

  private static String describe(RuntimeException e) {
    if (e instanceof VideoDecodeException v) {
      return v.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + v.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static String warnings(List<DecodeWarning> warnings, String error) {
    String w = warnings.stream().map(DecodeWarning::message).distinct().limit(5).collect(Collectors.joining("; "));
    if (error != null) {
      w = w.isEmpty() ? error : error + "; " + w;
    }
    return w.isEmpty() ? null : w;
  }
}
