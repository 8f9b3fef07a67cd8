package io.screenalytics.detecttrack.service;

import io.screenalytics.detecttrack.track.DroppedTrack;
import io.screenalytics.detecttrack.track.EpisodeStep;
import io.screenalytics.detecttrack.track.ScoredBox;
import io.screenalytics.detecttrack.track.TrackedBox;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.kafka.EpisodeOffsets;
import io.screenalytics.runtime.metrics.Metric;
import io.screenalytics.runtime.metrics.ServiceMetrics;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.metrics.StageTimer;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.image.JpegDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per frame: find the faces ({@link FaceFinder}: decode, detect, minimum size, align, quality), advance the
 * episode's ByteTrack tracker, and publish one {@link FaceBatch} with every tracked face; closed tracks go to
 * {@link Topics#TRACKS} with their sampled boxes. On the episode's
 * last frame the tracker finishes and the batch carries the episode's {@link EpisodeTotals}.
 *
 * <p>An episode decoded in chunks (decoder {@code decoder.chunk.seconds}; frames with {@code chunk_count} above 1,
 * whose chunks may interleave on the partition) is tracked chunk by chunk: each chunk has a tracker of its own,
 * started on its first frame as at a scene cut, the episode's trackers sharing one id sequence so track ids stay
 * unique in the episode; a chunk's {@code chunk_last} frame (or end marker, {@code frame_idx} -1, for a chunk
 * without frames) closes its tracks as {@code chunk_end}, and once every chunk has ended the batch of that frame
 * carries the totals, with each chunk's first and last frame index so assembly can join the tracks split at the
 * boundaries.
 *
 * <p>Episode state and partitions: an episode's frames all live in one partition (keyed by episode id) and its
 * tracker lives here, in memory. The committed offset of a partition is held back to the first frame of its
 * oldest unfinished episode ({@link EpisodeOffsets}), so when the partition moves to another instance (or this
 * one restarts) the new owner replays each unfinished episode from its first frame and rebuilds the same
 * tracker: the same track ids and face ids, overwriting what was published before. On revocation the state of
 * the revoked partitions is dropped. Redelivered records (offset already processed here) and frames published
 * twice (frame index not after the episode's last one) are skipped.
 *
 * <p>A frame that cannot be decoded or detected counts as a frame without faces and a warning: one bad frame
 * never ends an episode.
 *
 * <p>Step timings, when the service's metrics run ({@link ServiceMetrics#of} at construction; absent when the
 * handler runs outside a started service, as in unit tests, and then nothing is recorded): the {@link
 * Metric#STAGE_LATENCY} timers of steps {@code decode}, {@code detect}, {@code align} and {@code track} get one
 * sample per frame processed, wall time in nanoseconds from {@link System#nanoTime()} around the calls (a step
 * that throws records nothing; redelivered and duplicate frames are not processed and record nothing):
 *
 * <ul>
 *   <li>{@code decode}: reading a claim-checked frame from the artifact store, if it is one, and decoding the JPEG;
 *   <li>{@code detect}: the face detector's call on the decoded frame (pre-processing, model run, decoding and NMS)
 *       and the minimum-size filter;
 *   <li>{@code align}: aligning every kept face to its 112x112 crop and measuring the crop's contrast and blur
 *       (crops are published raw, nothing is encoded); a frame without faces records its near-zero time too, so
 *       the mean is the per-frame cost;
 *   <li>{@code track}: the ByteTrack update of the episode's tracker with the frame's detections.
 * </ul>
 *
 * <p>One instance per worker thread.
 */
final class DetectTrackHandler implements BatchHandler<Frame> {

  private static final Logger LOG = LoggerFactory.getLogger(DetectTrackHandler.class);
  private static final int PROGRESS_EVERY = 25;
  /** Episodes ended in chunks remembered per partition (ids and times: well under 1 MB). */
  private static final int ENDED_IN_CHUNKS = 10_000;

  private final DetectTrackConfig config;
  private final ArtifactStore frames;
  private final FaceFinder finder;
  private final EpisodeAttempts.Counter attempts;
  private final StatusPublisher status = new StatusPublisher("detect-track");
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  /** Step timers of the running service (recording nothing when its metrics are not running). */
  private final StageTimer decodeTimer;
  private final StageTimer detectTimer;
  private final StageTimer alignTimer;
  private final StageTimer trackTimer;

  DetectTrackHandler(DetectTrackConfig config, FaceFinder finder) {
    this(config, finder, ArtifactStores.open(Map.of()), EpisodeAttempts.Counter.NONE);
  }

  /**
   * @param frames        the artifact store, to read claim-checked frames (shared, closed by its owner)
   * @param attempts      counts the stage's unfinished attempts on an episode before it starts (crash containment)
   */
  DetectTrackHandler(DetectTrackConfig config, FaceFinder finder, ArtifactStore frames,
      EpisodeAttempts.Counter attempts) {
    this.frames = frames;
    this.attempts = attempts;
    this.config = config;
    this.finder = finder;
    this.decodeTimer = StageTimer.of(DetectTrackConfig.NAME, "decode");
    this.detectTimer = StageTimer.of(DetectTrackConfig.NAME, "detect");
    this.alignTimer = StageTimer.of(DetectTrackConfig.NAME, "align");
    this.trackTimer = StageTimer.of(DetectTrackConfig.NAME, "track");
  }

  /** The episodes of one partition in progress on this worker. */
  private static final class PartitionState {
    final EpisodeOffsets offsets = new EpisodeOffsets();
    final Map<String, EpisodeSession> sessions = new HashMap<>();
    /** Episodes failed as crashed here: their remaining frames are skipped until their last one. */
    final Set<String> abandoned = new HashSet<>();
    /**
     * Episodes decoded in chunks that ended here, with their request's time: a chunk of one decoded again later (its
     * decoder died before committing the task) is skipped instead of starting a session no other chunk would end.
     * The newest {@value #ENDED_IN_CHUNKS} are kept.
     */
    final Map<String, Long> endedInChunks = new java.util.LinkedHashMap<>() {
      @Override protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > ENDED_IN_CHUNKS;
      }
    };
  }

  @Override
  public void handle(List<Delivery<Frame>> batch, Emitter out) {
    for (Delivery<Frame> d : batch) {
      TopicPartition tp = new TopicPartition(d.source().topic(), d.source().partition());
      PartitionState p = partitions.computeIfAbsent(tp, k -> new PartitionState());
      long offset = d.source().offset();
      if (p.offsets.processed(offset)) {
        LOG.debug("{} was processed already: skipped", d.position());
        continue;
      }
      Frame f = d.value();
      if (f.getAbandoned()) {
        // the decoder gave the episode up (crash containment): what its killed attempts published is dropped
        EpisodeSession dropped = p.sessions.remove(f.getEpisodeId());
        p.abandoned.remove(f.getEpisodeId());
        skip(p, f.getEpisodeId(), offset);
        LOG.info("episode {}: abandoned by the decoder{}", f.getEpisodeId(),
            dropped == null ? "" : "; its session of " + dropped.frames + " frames is dropped");
        continue;
      }
      if (f.getChunkCount() > 1 && !p.sessions.containsKey(f.getEpisodeId())
          && Long.valueOf(f.getChunkRequestedAtMs()).equals(p.endedInChunks.get(f.getEpisodeId()))) {
        LOG.info("episode {}: frame {} of chunk {} came again after the episode ended: skipped", f.getEpisodeId(),
            f.getFrameIdx(), f.getChunkIdx());
        skip(p, f.getEpisodeId(), offset);
        continue;
      }
      if (p.abandoned.contains(f.getEpisodeId())) {
        skip(p, f.getEpisodeId(), offset);
        if (f.getIsLast()) {
          p.abandoned.remove(f.getEpisodeId());
        }
        continue;
      }
      MDC.put("episode_id", f.getEpisodeId());
      MDC.put("frame_idx", Long.toString(f.getFrameIdx()));
      try {
        boolean last = onFrame(p, f, d.source().timestamp(), out);
        p.offsets.record(f.getEpisodeId(), offset);
        if (last) {
          p.offsets.finish(f.getEpisodeId());
        }
      } finally {
        MDC.remove("episode_id");
        MDC.remove("frame_idx");
      }
    }
  }

  /** Passes over a record of an episode given up, so that it does not hold the partition's committed offset. */
  private static void skip(PartitionState p, String episodeId, long offset) {
    p.offsets.record(episodeId, offset);
    p.offsets.finish(episodeId);
  }

  /**
   * Processes one frame; returns whether it ended its episode (its last frame, or an episode failed as crashed).
   *
   * @param recordMs the frame record's timestamp, epoch milliseconds (where counting earlier attempts starts)
   */
  private boolean onFrame(PartitionState p, Frame f, long recordMs, Emitter out) {
    EpisodeSession s = p.sessions.get(f.getEpisodeId());
    if (s == null) {
      // crash containment: the attempt is on record before anything can crash
      if (!EpisodeAttempts.begin(attempts, config.service().maxEpisodeAttempts(), out, status, f.getEpisodeId(),
          recordMs)) {
        if (!f.getIsLast()) {
          p.abandoned.add(f.getEpisodeId());
        }
        return true;
      }
      s = new EpisodeSession(f.getEpisodeId(), config, f.getFps(), f.getStride());
      p.sessions.put(f.getEpisodeId(), s);
      status.publish(out, s.episodeId, EpisodeState.STARTED, null,
          Map.of("first_frame_idx", (double) f.getFrameIdx()), null);
    } else if (f.getFrameIdx() >= 0 && s.seen(f.getChunkIdx(), f.getFrameIdx())) {
      LOG.info("frame {} of {} (chunk {}) was processed already (last {}): skipped", f.getFrameIdx(), s.episodeId,
          f.getChunkIdx(), s.lastFrameIdx(f.getChunkIdx()));
      return false;
    }
    boolean chunked = f.getChunkCount() > 1;
    if (chunked && f.getFrameIdx() < 0) {
      // the end marker of a chunk without frames
      return chunkEnded(p, s, f, out);
    }
    List<FaceFinder.AlignedFace> faces = List.of();
    try {
      faces = find(f);
    } catch (RuntimeException | IOException e) {
      s.warn("frame " + f.getFrameIdx() + ": " + e.getMessage());
      LOG.warn("frame {} of {} has no faces: {}", f.getFrameIdx(), s.episodeId, e.toString());
    }
    List<ScoredBox> dets = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      float[] b = faces.get(i).detection().bboxXyxy();
      dets.add(ScoredBox.of(i, b[0], b[1], b[2], b[3], faces.get(i).detection().score()));
    }
    long trackStart = System.nanoTime();
    long trackCpu = StageCpu.threadNanos();
    EpisodeStep step = s.tracker(f.getChunkIdx()).onFrame(f.getFrameIdx(), f.getTs(), dets, f.getSceneCut());
    trackTimer.record(System.nanoTime() - trackStart, StageCpu.threadNanos() - trackCpu);
    s.processed(f.getChunkIdx(), f.getFrameIdx());
    s.frames++;
    s.transitions.addAll(f.getTransitions());
    if (f.getSceneCut()) {
      // the cut's own first frame (found on every decoded frame) when the decoder says it, else this sampled frame
      boolean exact = f.getSceneCutFrameIdx() >= 0;
      s.sceneCuts.add(exact ? f.getSceneCutTs() : f.getTs());
      s.sceneCutFrameIdx.add(exact ? f.getSceneCutFrameIdx() : f.getFrameIdx());
    }
    List<DetectedFace> detected = new ArrayList<>(step.tracks().size());
    for (TrackedBox tb : step.tracks()) {
      FaceFinder.AlignedFace face = faces.get(tb.detectionIndex());
      String faceId = s.episodeId + ":" + f.getFrameIdx() + ":" + detected.size();
      detected.add(face.toRecord(faceId, tb.trackId(),
          s.markForEmbedding(tb.trackId(), f.getFrameIdx(), face.detection().height())));
    }
    s.faces += detected.size();
    publishClosed(s, step, out);
    FaceBatch.Builder batch = FaceBatch.newBuilder()
        .setEpisodeId(s.episodeId).setFrameIdx(f.getFrameIdx()).setTs(f.getTs()).setFaces(detected);
    if (chunked) {
      if (f.getChunkLast()) {
        publishClosed(s, s.tracker(f.getChunkIdx()).finishChunk(), out);
        s.chunkEnded(f.getChunkIdx(), f.getDurationS());
        if (s.allChunksEnded(f.getChunkCount())) {
          batch.setTotals(totals(s, f));
          out.send(Topics.FACES, s.episodeId + ":" + f.getFrameIdx(), batch.build());
          p.endedInChunks.put(s.episodeId, f.getChunkRequestedAtMs());
          completed(p, s, out);
          return true;
        }
      }
      out.send(Topics.FACES, s.episodeId + ":" + f.getFrameIdx(), batch.build());
      progress(s, out);
      return false;
    }
    if (f.getIsLast()) {
      publishClosed(s, s.tracker(f.getChunkIdx()).finish(), out);
      batch.setTotals(EpisodeTotals.newBuilder()
          .setFrames(s.frames).setFaces(s.faces).setTracks(s.tracksClosed)
          .setDurationS(f.getDurationS()).setFps(f.getFps()).setStride(f.getStride())
          .setSceneCuts(s.sceneCuts).setSceneCutFrameIdx(s.sceneCutFrameIdx).setTransitions(s.transitions).setDetectorModel(config.detectorModel()).build());
    }
    out.send(Topics.FACES, s.episodeId + ":" + f.getFrameIdx(), batch.build());
    if (f.getIsLast()) {
      p.sessions.remove(s.episodeId);
      status.publish(out, s.episodeId, EpisodeState.STAGE_COMPLETED,
          s.warnings.isEmpty() ? null : String.join("; ", s.warnings), counters(s), null);
      LOG.info("episode {}: {} frames, {} faces, {} tracks ({} dropped as too short)", s.episodeId, s.frames,
          s.faces, s.tracksClosed, s.tracksDropped);
    } else if (s.frames % PROGRESS_EVERY == 0) {
      status.publish(out, s.episodeId, EpisodeState.PROGRESS, null, counters(s), null);
    }
    return f.getIsLast();
  }

  /**
   * The end marker of a chunk without frames: records the chunk's end and, when it was the episode's last chunk to
   * end, publishes the totals on a batch without faces at {@code frame_idx} -1.
   */
  private boolean chunkEnded(PartitionState p, EpisodeSession s, Frame f, Emitter out) {
    s.chunkEnded(f.getChunkIdx(), f.getDurationS());
    s.transitions.addAll(f.getTransitions());
    if (!s.allChunksEnded(f.getChunkCount())) {
      return false;
    }
    out.send(Topics.FACES, s.episodeId + ":" + f.getFrameIdx(), FaceBatch.newBuilder().setEpisodeId(s.episodeId)
        .setFrameIdx(-1).setTs(0).setFaces(List.of()).setTotals(totals(s, f)).build());
    p.endedInChunks.put(s.episodeId, f.getChunkRequestedAtMs());
    completed(p, s, out);
    return true;
  }

  /**
   * The totals of an episode decoded in chunks, once every chunk has ended: its frames, faces and tracks, the
   * longest duration a chunk saw, the scene cuts and fades in time order, and each chunk's first and last frame
   * index.
   */
  private EpisodeTotals totals(EpisodeSession s, Frame f) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < s.sceneCuts.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(s.sceneCuts.get(a), s.sceneCuts.get(b)));
    return EpisodeTotals.newBuilder()
        .setFrames(s.frames).setFaces(s.faces).setTracks(s.tracksClosed)
        .setDurationS(s.chunkedDurationS).setFps(f.getFps()).setStride(f.getStride())
        .setSceneCuts(order.stream().map(s.sceneCuts::get).toList())
        .setSceneCutFrameIdx(order.stream().map(s.sceneCutFrameIdx::get).toList())
        .setTransitions(s.transitions.stream()
            .sorted(java.util.Comparator.comparingLong(io.screenalytics.schemas.SceneTransition::getStartFrameIdx))
            .toList())
        .setDetectorModel(config.detectorModel())
        .setChunkFirstFrameIdx(s.chunkFrameIdx(f.getChunkCount(), true))
        .setChunkLastFrameIdx(s.chunkFrameIdx(f.getChunkCount(), false)).build();
  }

  private void completed(PartitionState p, EpisodeSession s, Emitter out) {
    p.sessions.remove(s.episodeId);
    status.publish(out, s.episodeId, EpisodeState.STAGE_COMPLETED,
        s.warnings.isEmpty() ? null : String.join("; ", s.warnings), counters(s), null);
    LOG.info("episode {}: {} frames, {} faces, {} tracks ({} dropped as too short)", s.episodeId, s.frames,
        s.faces, s.tracksClosed, s.tracksDropped);
  }

  private void progress(EpisodeSession s, Emitter out) {
    if (s.frames % PROGRESS_EVERY == 0) {
      status.publish(out, s.episodeId, EpisodeState.PROGRESS, null, counters(s), null);
    }
  }

  /** The frame's faces ({@link FaceFinder}): decode, detect, align, each step timed when it completes. */
  private List<FaceFinder.AlignedFace> find(Frame f) throws IOException {
    long t0 = System.nanoTime();
    long c0 = StageCpu.threadNanos();
    JpegDecoder.Pictures pictures = finder.decode(image(f), f.getWidth(), f.getHeight());
    long t1 = System.nanoTime();
    long c1 = StageCpu.threadNanos();
    decodeTimer.record(t1 - t0, c1 - c0);
    List<Detection> detections = finder.detect(pictures);
    long t2 = System.nanoTime();
    long c2 = StageCpu.threadNanos();
    detectTimer.record(t2 - t1, c2 - c1);
    List<FaceFinder.AlignedFace> faces = finder.align(pictures.full(), detections, f.getSourceWidth(), f.getSourceHeight());
    alignTimer.record(System.nanoTime() - t2, StageCpu.threadNanos() - c2);
    return faces;
  }

  private static void publishClosed(EpisodeSession s, EpisodeStep step, Emitter out) {
    for (ClosedTrack t : step.closed()) {
      out.send(Topics.TRACKS, s.episodeId, t);
      s.tracksClosed++;
      s.closed(t.getTrackId());
    }
    for (DroppedTrack t : step.dropped()) {
      s.closed(t.trackId());
    }
    s.tracksDropped += step.dropped().size();
  }

  private static Map<String, Double> counters(EpisodeSession s) {
    return Map.of("frames", (double) s.frames, "faces", (double) s.faces, "tracks", (double) s.tracksClosed,
        "tracks_dropped", (double) s.tracksDropped, "faces_to_embed", (double) s.facesToEmbed);
  }

  /** The frame's JPEG: inline, or fetched from the artifact store when the decoder claim-checked it. */
  private byte[] image(Frame f) throws IOException {
    return f.getImageRef() != null ? frames.readUri(f.getImageRef())
        : AvroValues.bytes(f.getImage());
  }

  /** The first frame of the oldest unfinished episode of the partition (see {@link EpisodeOffsets}). */
  @Override
  public long commitOffset(TopicPartition partition, long nextOffset) {
    PartitionState p = partitions.get(partition);
    return p == null ? nextOffset : p.offsets.commitOffset(nextOffset);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked, Emitter out) {
    for (TopicPartition tp : revoked) {
      PartitionState p = partitions.remove(tp);
      if (p != null && !p.sessions.isEmpty()) {
        LOG.info("{} revoked with episode(s) {} in progress: their state is dropped; the partition's next owner "
            + "replays them from their first frame", tp, p.sessions.keySet());
        // given up in good order: these attempts are not crashes (crash containment)
        p.sessions.keySet().forEach(id -> EpisodeAttempts.release(out, status, id));
      }
    }
  }
}
