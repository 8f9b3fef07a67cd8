package io.screenalytics.decoder.service;

import io.screenalytics.video.decode.ChunkPlan;
import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodeStats;
import io.screenalytics.video.decode.DecodeWarning;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.video.decode.SceneCutDetector;
import io.screenalytics.video.decode.VideoDecodeException;
import io.screenalytics.video.decode.VideoInfo;
import io.screenalytics.video.decode.VideoSource;
import io.screenalytics.decoder.publish.ClaimCheck;
import io.screenalytics.decoder.publish.EncodedFrame;
import io.screenalytics.decoder.publish.FrameEncoder;
import io.screenalytics.decoder.publish.Rotation;
import io.screenalytics.decoder.service.EpisodeInput.InputException;
import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.Governors;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.metrics.StageTimer;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.runtime.status.EpisodeRuns;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.ChunkTask;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.SceneTransition;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.EpisodeIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decodes one episode per request and publishes its sampled frames, upright, scaled and JPEG-encoded, in
 * order, keyed by episode id (see {@link FrameStream}). Scene cuts found on the sampled frames are flagged on
 * the first frame after the cut. Frames larger than the claim-check threshold go to the artifact store and
 * travel as {@code image_ref} (see {@link ClaimCheck}). {@code s3://} inputs are downloaded first (see
 * {@link EpisodeInput}).
 *
 * <p>Bad input never escapes as an exception: an input that cannot be fetched or opened ends with a
 * {@code FAILED} event whose reason starts with a code ({@code not_found}, {@code empty_file}, {@code
 * not_a_video}, {@code no_video_stream}, {@code truncated}, {@code unreadable}, {@code invalid_location},
 * {@code decode_error}); trouble after some frames (a damaged or undecodable frame, a truncated tail, a frame
 * the store would not take) ends the episode with the frames published so far and a {@code STAGE_COMPLETED}
 * event carrying the warnings as its reason.
 *
 * <p>Back-pressure: while {@code decoder.max.in.flight.frames} of the episode's frames are published but not yet
 * reported embedded by assembly, the next frame waits ({@link InFlightBound}, reading assembly's progress with a
 * {@link DownstreamProgress} opened per episode); the wait gives up after {@code decoder.in.flight.stall.ms} without
 * progress ({@code backpressure_stall: ...} in the reason). The {@code STAGE_COMPLETED} counters carry
 * {@code backpressure_wait_seconds} (time spent waiting, seconds) and, when the bound is on,
 * {@code frames_in_flight_max} (the most frames in flight right after a send, as the decoder saw them) and
 * {@code backpressure_stalls}. One instance per worker thread.
 */
final class DecoderHandler implements BatchHandler<EpisodeRequest> {

  /** Opens the reader of one episode's downstream progress. */
  @FunctionalInterface
  interface ProgressOpener {

    /**
     * @param episodeId     the episode about to be decoded
     * @param requestedAtMs its request's time, epoch milliseconds (where reading may start)
     * @throws RuntimeException when the progress cannot be read (the episode is then decoded without the bound)
     */
    InFlightBound.Progress open(String episodeId, long requestedAtMs);
  }

  private static final Logger LOG = LoggerFactory.getLogger(DecoderHandler.class);

  private final DecoderConfig config;
  private final ClaimCheck claimCheck;
  private final StatusPublisher status = new StatusPublisher("decoder");
  private final ProgressOpener progress;
  private final EpisodeAttempts.Counter attempts;
  private final EpisodeRuns.Checker runs;
  private final BooleanSupplier stopping;
  /** Per published frame: decoding up to the sampled frame (frames skipped on the way included); scaling + JPEG. */
  private final StageTimer decodeTimer = StageTimer.of(DecoderConfig.NAME, "decode");
  private final StageTimer encodeTimer = StageTimer.of(DecoderConfig.NAME, "encode");
  private final StageTimer convertTimer = StageTimer.of(DecoderConfig.NAME, "convert");
  private final StageTimer sceneCutTimer = StageTimer.of(DecoderConfig.NAME, "scene_cuts");

  /**
   * @param store    where claim-checked frames go; shared by the service's workers, closed by the service
   * @param progress opens an episode's downstream progress; not called when {@code decoder.max.in.flight.frames}
   *     is 0
   * @param attempts counts the decoder's unfinished attempts on an episode before it starts again
   * @param runs     finds another request's run of an episode in flight, which refuses the request
   * @param stopping true once the service is stopping: the episode then finishes without waiting for room
   */
  DecoderHandler(DecoderConfig config, ArtifactStore store, ProgressOpener progress, EpisodeAttempts.Counter attempts,
      EpisodeRuns.Checker runs, BooleanSupplier stopping) {
    this.config = config;
    this.claimCheck = new ClaimCheck(store, config.claimCheckBytes());
    this.progress = progress;
    this.attempts = attempts;
    this.runs = runs;
    this.stopping = stopping;
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
    if (r.getChunk() != null) {
      decodeChunk(r, out);
      return;
    }
    if (!EpisodeIds.isValid(id)) {
      status.failed(out, id, "invalid episode id: expected 1-128 characters of [A-Za-z0-9._-]");
      return;
    }
    int stride = r.getStride() != null ? r.getStride() : config.stride();
    if (stride < 1) {
      status.failed(out, id, "invalid stride " + stride + ": must be >= 1");
      return;
    }
    if (refusedWhileInFlight(r, out)) {
      return;
    }
    // crash containment: the attempt is on record before anything can crash
    if (!EpisodeAttempts.begin(attempts, config.service().maxEpisodeAttempts(), out, status, id,
        r.getRequestedAtMs())) {
      // earlier attempts may have published frames before dying: the marker ends them downstream
      out.send(Topics.FRAMES, id, FrameStream.abandoned(id, stride));
      return;
    }
    try (EpisodeInput input = EpisodeInput.open(r.getVideoUri(), config.storeSettings(), config.tempDir())) {
      if (config.chunkSeconds() > 0 && dispatchChunks(r, stride, input.location(), out)) {
        return;
      }
      decode(r, stride, input.location(), out);
    } catch (InputException e) {
      LOG.warn("episode {}: {}", id, e.reason());
      status.failed(out, id, e.reason());
    }
  }

  /**
   * One run of an episode at a time ({@link EpisodeRuns}): a request of an episode another request's run of which is
   * in flight is refused with a status event instead of started. When the runs cannot be read, it starts (logged).
   *
   * @return true when refused
   */
  private boolean refusedWhileInFlight(EpisodeRequest r, Emitter out) {
    Optional<EpisodeStatus> run;
    try {
      run = runs.inFlight(r.getEpisodeId(), r.getRequestedAtMs());
    } catch (RuntimeException e) {
      LOG.warn("episode {}: cannot tell whether a run of it is in flight ({}); starting it", r.getEpisodeId(),
          e.toString());
      return false;
    }
    if (run.isEmpty()) {
      return false;
    }
    String reason = EpisodeRuns.refusedReason(r.getEpisodeId(), run.get());
    LOG.warn("episode {}: {}", r.getEpisodeId(), reason);
    EpisodeRuns.refuse(out, status, r.getEpisodeId(), r.getRequestedAtMs(), reason);
    return true;
  }

  /**
   * Chunked decoding: splits the episode into keyframe-aligned chunks of about {@code decoder.chunk.seconds}
   * ({@link ChunkPlan}) and publishes one task per chunk on {@link Topics#DECODE_CHUNKS}, with {@code STARTED}
   * (the episode's sizes, as for a whole decode, and {@code chunks}) and {@code STAGE_COMPLETED} ({@code chunks})
   * events: the decoder group's members decode the chunks ({@link #decodeChunk}). Returns false, having published
   * nothing, when the episode is one chunk or cannot be planned (it is then decoded whole, which reports any
   * problem with the input).
   */
  private boolean dispatchChunks(EpisodeRequest r, int stride, String location, Emitter out) {
    String id = r.getEpisodeId();
    ChunkPlan plan;
    VideoInfo info;
    try (FrameSampler probe = FrameSampler.open(location, settings(stride))) {
      info = probe.info();
      if ((long) info.width() * info.height() > config.maxSourcePixels()) {
        return false;
      }
      plan = ChunkPlan.plan(ChunkPlan.keyframeIndices(location), info.fps(), config.chunkSeconds());
    } catch (RuntimeException e) {
      LOG.info("episode {}: not split into chunks ({}); decoded whole", id, e.toString());
      return false;
    }
    if (plan.chunks().size() < 2) {
      return false;
    }
    Map<String, Double> started = started(info, stride, Rotation.fromDisplayRotation(info.rotationDegrees()),
        r.getRequestedAtMs());
    started.put("chunks", (double) plan.chunks().size());
    status.publish(out, id, EpisodeState.STARTED, null, started, null);
    for (ChunkPlan.Chunk c : plan.chunks()) {
      ChunkTask task = ChunkTask.newBuilder().setChunkIdx(c.index()).setChunkCount(plan.chunks().size())
          .setFirstFrame(c.firstFrame()).setEndFrame(c.endFrame() == Long.MAX_VALUE ? -1 : c.endFrame())
          .setStride(stride).build();
      out.send(Topics.DECODE_CHUNKS, ChunkKeys.key(id, c.index(), Topics.DECODE_CHUNKS.partitions()),
          EpisodeRequest.newBuilder(r).setChunk(task).build());
    }
    status.publish(out, id, EpisodeState.STAGE_COMPLETED, "chunked: " + plan.chunks().size()
        + " chunks for the decoder group", Map.of("chunks", (double) plan.chunks().size()), null);
    LOG.info("episode {}: split into {} chunks of about {} s (first frames {})", id, plan.chunks().size(),
        config.chunkSeconds(), plan.chunks().stream().map(c -> Long.toString(c.firstFrame()))
            .collect(Collectors.joining(", ")));
    return true;
  }

  /**
   * Decodes one chunk of an episode ({@link #dispatchChunks}) and publishes its frames on {@link Topics#FRAMES}
   * keyed by the episode id, with {@code chunk_idx} and {@code chunk_count}; its last frame carries {@code
   * chunk_last}, the chunk's frame count and the episode's duration. A chunk without any frame ends with a marker
   * ({@link FrameStream#emptyChunk}). Its end is reported by a {@code PROGRESS} event with the counters {@code
   * chunk_idx}, {@code chunk_count} and {@code chunk_frames_published} (and a reason when something went wrong).
   * Chunks are decoded without the back-pressure bound.
   */
  private void decodeChunk(EpisodeRequest r, Emitter out) {
    ChunkTask task = r.getChunk();
    ChunkPlan.Chunk chunk = new ChunkPlan.Chunk(task.getChunkIdx(), task.getFirstFrame(),
        task.getEndFrame() < 0 ? Long.MAX_VALUE : task.getEndFrame());
    List<String> notes = new ArrayList<>();
    try (EpisodeInput input = EpisodeInput.open(r.getVideoUri(), config.storeSettings(), config.tempDir())) {
      decode(r, task.getStride(), input.location(), out, InFlightBound.unbounded(r.getEpisodeId()), notes, task);
    } catch (InputException e) {
      LOG.warn("episode {} chunk {}: {}", r.getEpisodeId(), task.getChunkIdx(), e.reason());
      notes.add(e.reason());
      new FrameStream(out, status, r.getEpisodeId(), InFlightBound.unbounded(r.getEpisodeId()))
          .finishChunk(task, r.getRequestedAtMs(), 0, List.of());
      chunkEnded(out, r.getEpisodeId(), task, 0, e.reason());
    }
  }

  private void chunkEnded(Emitter out, String id, ChunkTask task, long published, String reason) {
    status.publish(out, id, EpisodeState.PROGRESS, reason, Map.of("chunk_idx", (double) task.getChunkIdx(),
        "chunk_count", (double) task.getChunkCount(), "chunk_frames_published", (double) published), null);
    LOG.info("episode {}: chunk {} of {} published {} frames{}", id, task.getChunkIdx(), task.getChunkCount(),
        published, reason == null ? "" : " (" + reason + ")");
  }

  private DecodeSettings settings(int stride) {
    return new DecodeSettings(stride, config.sampling(), config.service().computeThreads(), config.maxLongSide(),
        config.skipLoopFilter(), config.publishFrom());
  }

  /** Decodes and publishes the episode with its back-pressure bound, if on. */
  private void decode(EpisodeRequest r, int stride, String location, Emitter out) {
    String id = r.getEpisodeId();
    List<String> notes = new ArrayList<>();
    InFlightBound.Progress downstream = openProgress(r, notes);
    try {
      InFlightBound bound = downstream == null ? InFlightBound.unbounded(id)
          : new InFlightBound(id, config.maxInFlightFrames(), config.inFlightStall(), downstream, stopping,
              () -> Governors.of(status.stage()).ifPresent(CpuGovernor::checkpoint), System::nanoTime);
      decode(r, stride, location, out, bound, notes, null);
    } finally {
      if (downstream != null) {
        downstream.close();
      }
    }
  }

  /** The episode's downstream progress, or null when the bound is off or the progress cannot be read (noted). */
  private InFlightBound.Progress openProgress(EpisodeRequest r, List<String> notes) {
    if (config.maxInFlightFrames() <= 0) {
      return null;
    }
    try {
      return progress.open(r.getEpisodeId(), r.getRequestedAtMs());
    } catch (RuntimeException e) {
      LOG.warn("episode {}: backpressure_off: cannot read assembly's progress ({}); publishing without the bound",
          r.getEpisodeId(), e.toString());
      notes.add("backpressure_off: cannot read assembly's progress (" + e + "); published without the bound");
      return null;
    }
  }

  /** Decodes the episode, or its chunk {@code task} when not null, and publishes its frames. */
  private void decode(EpisodeRequest r, int stride, String location, Emitter out, InFlightBound bound,
      List<String> notes, ChunkTask task) {
    String id = r.getEpisodeId();
    FrameStream stream = new FrameStream(out, status, id, bound);
    String error = null;
    VideoInfo info = null;
    DecodeStats stats = null;
    List<DecodeWarning> warnings = List.of();
    long claimChecked = 0;
    long encodeNanos = 0;
    List<SceneCutDetector.Cut> allCuts = List.of();
    List<SceneCutDetector.Transition> transitions = List.of();
    List<SceneTransition> late = List.of();
    long t0 = System.nanoTime();
    try (FrameEncoder encoder = new FrameEncoder(config.maxLongSide(), config.jpegQuality());
        FrameSampler frames = task == null ? FrameSampler.open(location, settings(stride))
            : FrameSampler.openChunk(location, settings(stride), new ChunkPlan.Chunk(task.getChunkIdx(),
                task.getFirstFrame(), task.getEndFrame() < 0 ? Long.MAX_VALUE : task.getEndFrame()))) {
      info = frames.info();
      if ((long) info.width() * info.height() > config.maxSourcePixels()) {
        throw new VideoDecodeException(VideoDecodeException.Reason.FRAME_TOO_LARGE, location, info.width() + "x"
            + info.height() + " frames are over the limit of " + config.maxSourcePixels()
            + " pixels (decoder.max.source.pixels)");
      }
      Rotation rotation = DecodeReasons.uprightTurn(info, notes);
      if (task == null) {
        status.publish(out, id, EpisodeState.STARTED, null, started(info, stride, rotation, r.getRequestedAtMs()),
            null);
      }
      SceneCutDetector cuts = new SceneCutDetector(config.cutRatio(), config.cutMinChange(), config.cutCooldown());
      frames.detectCuts(cuts);
      FrameSampler.Cpu cpuSoFar = frames.cpu();
      try {
        while (true) {
          long d0 = System.nanoTime();
          if (!frames.hasNext()) {
            break;
          }
          DecodedFrame df = frames.next();
          long e0 = System.nanoTime();
          FrameSampler.Cpu cpu = frames.cpu();
          decodeTimer.record(e0 - d0, cpu.decodeNanos() - cpuSoFar.decodeNanos());
          sceneCutTimer.addCpu(cpu.sceneCutNanos() - cpuSoFar.sceneCutNanos());
          convertTimer.addCpu(cpu.convertNanos() - cpuSoFar.convertNanos());
          cpuSoFar = cpu;
          List<SceneCutDetector.Cut> cutsBefore = cuts.takeCutsThrough(df.frameIdx());
          SceneCutDetector.Cut cut = cutsBefore.isEmpty() ? null : cutsBefore.get(cutsBefore.size() - 1);
          long c0 = StageCpu.threadNanos();
          EncodedFrame encoded = encoder.encode(df, rotation);
          long encodeCpu = StageCpu.threadNanos() - c0;
          Optional<String> ref = checkIn(id, df.frameIdx(), encoded.jpeg());
          long encoded1 = System.nanoTime() - e0;
          encodeTimer.record(encoded1, encodeCpu);
          encodeNanos += encoded1;
          claimChecked += ref.isPresent() ? 1 : 0;
          Frame frame = FrameRecords.frame(r, df, encoded, ref, info, stride, cut);
          frame.setTransitions(FrameRecords.transitions(cuts.takeTransitionsThrough(df.frameIdx())));
          if (task != null) {
            frame.setChunkIdx(task.getChunkIdx());
            frame.setChunkCount(task.getChunkCount());
            frame.setChunkRequestedAtMs(r.getRequestedAtMs());
          }
          stream.offer(frame, frames.framesDecoded());
        }
      } catch (RuntimeException e) {
        error = DecodeReasons.describe(e);
        LOG.warn("episode {}: decoding stopped after {} sampled frames: {}", id, frames.framesSampled(), error);
      }
      stats = frames.stats();
      warnings = frames.warnings();
      allCuts = cuts.cuts();
      transitions = cuts.transitions();
      late = FrameRecords.transitions(cuts.takeTransitionsThrough(Long.MAX_VALUE));
    } catch (VideoDecodeException e) {
      error = DecodeReasons.describe(e);
    } catch (RuntimeException e) {
      error = DecodeReasons.describe(e);
      LOG.error("episode {}: decoder failed", id, e);
    }
    if (task != null) {
      finishChunk(out, id, task, r.getRequestedAtMs(), stream, info, error, notes, warnings, late);
      return;
    }
    if (stream.isEmpty()) {
      status.failed(out, id, error != null ? error : "decode_error: no video frames could be decoded from "
          + r.getVideoUri());
      return;
    }
    // ts is on the container's timeline, where the video starts at startSeconds: the episode ends at
    // startSeconds + the stream's duration (Hamilton: 0.844 + 9.17 s), or after the last frame if later
    double duration = Math.max(info.startSeconds() + Math.max(0, info.durationSeconds()),
        stream.lastTs() + info.frameDurationSeconds());
    long published = stream.finish(duration, late);
    bound.note().ifPresent(notes::add);
    String reason = DecodeReasons.reason(error, notes, warnings);
    Map<String, Double> counters = new LinkedHashMap<>();
    counters.put("frames_published", (double) published);
    counters.put("frames_decoded", (double) stats.framesDecoded());
    counters.put("frames_failed", (double) stats.framesFailed());
    counters.put("frames_lost", (double) stats.framesLost());
    counters.put("frames_claim_checked", (double) claimChecked);
    counters.put("scene_cuts", (double) allCuts.size());
    counters.put("transitions", (double) transitions.size());
    counters.put("decode_seconds", (System.nanoTime() - t0) / 1e9);
    counters.put("encode_seconds", encodeNanos / 1e9);
    counters.put("backpressure_wait_seconds", bound.waitSeconds());
    if (bound.isBounded()) {
      counters.put("frames_in_flight_max", (double) bound.peakInFlight());
      counters.put("backpressure_stalls", (double) bound.stalls());
    }
    status.publish(out, id, EpisodeState.STAGE_COMPLETED, reason, counters, null);
    LOG.info("episode {}: {} scene cuts (first frames {}), {} fades {}", id, allCuts.size(),
        allCuts.stream().map(c -> Long.toString(c.frameIdx())).collect(Collectors.joining(", ")),
        transitions.size(), transitions);
    LOG.info("episode {}: published {} frames ({} claim-checked, {} s waiting for room downstream, at most {} in"
        + " flight){}", id, published, claimChecked, String.format(Locale.ROOT, "%.1f", bound.waitSeconds()),
        bound.isBounded() ? bound.peakInFlight() : "?", reason == null ? "" : " (" + reason + ")");
  }

  private void finishChunk(Emitter out, String id, ChunkTask task, long requestedAtMs, FrameStream stream, VideoInfo info, String error,
      List<String> notes, List<DecodeWarning> warnings, List<SceneTransition> late) {
    long published;
    if (stream.isEmpty()) {
      published = stream.finishChunk(task, requestedAtMs, 0, late);
    } else {
      double duration = Math.max(info.startSeconds() + Math.max(0, info.durationSeconds()),
          stream.lastTs() + info.frameDurationSeconds());
      published = stream.finishChunk(task, requestedAtMs, duration, late);
    }
    chunkEnded(out, id, task, published, DecodeReasons.reason(error, notes, warnings));
  }

  private Optional<String> checkIn(String id, long frameIdx, byte[] jpeg) {
    try {
      return claimCheck.checkIn(id, frameIdx, jpeg);
    } catch (IOException e) {
      throw new UncheckedIOException("claim_check: cannot store frame " + frameIdx + " (" + jpeg.length
          + " bytes): " + e.getMessage(), e);
    }
  }

  private Map<String, Double> started(VideoInfo info, int stride, Rotation rotation, long requestedAtMs) {
    int[] size = DecodeSettings.fitWithin(info.width(), info.height(), config.maxLongSide());
    Map<String, Double> c = new LinkedHashMap<>();
    c.put(EpisodeRuns.REQUESTED_AT, (double) requestedAtMs); // names the run (EpisodeRuns)
    c.put("frames_expected", Math.ceil(info.frameCountEstimate() / (double) stride));
    c.put("fps", info.fps());
    c.put("width", (double) info.width());
    c.put("height", (double) info.height());
    c.put("published_width", (double) (rotation.swapsSides() ? size[1] : size[0]));
    c.put("published_height", (double) (rotation.swapsSides() ? size[0] : size[1]));
    c.put("rotation_degrees", (double) rotation.degrees());
    c.put("duration_s", info.durationSeconds());
    return c;
  }
}
