package io.screenalytics.detecttrack.service;

import io.screenalytics.detecttrack.track.ClosedTrack;
import io.screenalytics.detecttrack.track.EpisodeStep;
import io.screenalytics.detecttrack.track.TrackedBox;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceQuality;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.FaceDetector;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.quality.CropQuality;
import io.screenalytics.vision.quality.QualityMeasures;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Per frame: decode the JPEG, detect faces, keep those of at least the minimum size, advance the episode's
 * ByteTrack tracker, align each tracked face to the 112x112 ArcFace template, and publish one
 * {@link FaceBatch} with all of them; closed tracks go to {@link Topics#TRACKS}. On the episode's last
 * frame the tracker finishes and the batch carries the episode's {@link EpisodeTotals}.
 *
 * <p>A frame that cannot be decoded or detected counts as a frame without faces and a warning: one bad
 * frame never ends an episode. One instance per worker thread.
 */
final class DetectTrackHandler implements BatchHandler<Frame> {

  private static final Logger LOG = LoggerFactory.getLogger(DetectTrackHandler.class);
  private static final int PROGRESS_EVERY = 25;

  private final DetectTrackConfig config;
  private final FaceDetector detector;
  private final FaceAligner aligner;
  private final String detectorModel;
  private final StatusPublisher status = new StatusPublisher("detect-track");
  private final Map<String, EpisodeSession> sessions = new HashMap<>();

  DetectTrackHandler(DetectTrackConfig config, FaceDetector detector, FaceAligner aligner) {
    this.config = config;
    this.detector = detector;
    this.aligner = aligner;
    this.detectorModel = config.detectorModel();
  }

  @Override
  public void handle(List<Delivery<Frame>> batch, Emitter out) {
    for (Delivery<Frame> d : batch) {
      Frame f = d.value();
      MDC.put("episode_id", f.getEpisodeId());
      MDC.put("frame_idx", Long.toString(f.getFrameIdx()));
      try {
        onFrame(f, out);
      } finally {
        MDC.remove("episode_id");
        MDC.remove("frame_idx");
      }
    }
  }

  private void onFrame(Frame f, Emitter out) {
    EpisodeSession s = sessions.get(f.getEpisodeId());
    if (s == null) {
      s = new EpisodeSession(f.getEpisodeId(), config, f.getFps(), f.getStride());
      sessions.put(f.getEpisodeId(), s);
      status.publish(out, s.episodeId, EpisodeState.STARTED, null, Map.of("first_frame_idx", (double) f.getFrameIdx()), null);
    }
    s.frames++;
    if (f.getSceneCut()) {
      s.sceneCuts.add(f.getTs());
    }
    BgrImage image = null;
    List<Detection> faces = List.of();
    try {
      image = ImageOps.decode(bytes(f.getImage()));
      faces = keepLargeEnough(detector.detect(image), image.height());
    } catch (RuntimeException e) {
      s.warn("frame " + f.getFrameIdx() + ": " + e.getMessage());
      LOG.warn("frame {} of {} skipped: {}", f.getFrameIdx(), s.episodeId, e.toString());
    }
    double sx = f.getSourceWidth() / (double) f.getWidth();
    double sy = f.getSourceHeight() / (double) f.getHeight();
    List<io.screenalytics.detecttrack.track.Detection> trackDets = new ArrayList<>(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      float[] b = faces.get(i).bboxXyxy();
      trackDets.add(io.screenalytics.detecttrack.track.Detection.of(i, b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy,
          faces.get(i).score()));
    }
    EpisodeStep step = s.tracker.onFrame(f.getFrameIdx(), f.getTs(), trackDets, f.getSceneCut());
    List<DetectedFace> detected = new ArrayList<>(step.tracks().size());
    for (TrackedBox tb : step.tracks()) {
      detected.add(toFace(s, f, image, faces.get(tb.detectionIndex()), tb.trackId(), detected.size(), sx, sy));
    }
    s.faces += detected.size();
    publishClosed(s, step, out);
    FaceBatch.Builder batch = FaceBatch.newBuilder()
        .setEpisodeId(s.episodeId).setFrameIdx(f.getFrameIdx()).setTs(f.getTs()).setFaces(detected)
        .setFacebankUri(f.getFacebankUri());
    if (f.getIsLast()) {
      publishClosed(s, s.tracker.finish(), out);
      batch.setTotals(EpisodeTotals.newBuilder()
          .setFrames(s.frames).setFaces(s.faces).setTracks(s.tracksClosed)
          .setDurationS(f.getDurationS()).setFps(f.getFps()).setStride(f.getStride())
          .setSceneCuts(s.sceneCuts).setDetectorModel(detectorModel).build());
    }
    out.send(Topics.FACES, s.episodeId + ":" + f.getFrameIdx(), batch.build());
    if (f.getIsLast()) {
      sessions.remove(s.episodeId);
      status.publish(out, s.episodeId, EpisodeState.STAGE_COMPLETED,
          s.warnings.isEmpty() ? null : String.join("; ", s.warnings), counters(s), null);
      LOG.info("episode {}: {} frames, {} faces, {} tracks ({} dropped as too short)", s.episodeId, s.frames,
          s.faces, s.tracksClosed, s.tracksDropped);
    } else if (s.frames % PROGRESS_EVERY == 0) {
      status.publish(out, s.episodeId, EpisodeState.PROGRESS, null, counters(s), null);
    }
  }

  private List<Detection> keepLargeEnough(List<Detection> detections, int frameHeight) {
    double min = config.minFaceHeight(frameHeight);
    return detections.stream().filter(d -> d.height() >= min && d.hasLandmarks()).toList();
  }

  private DetectedFace toFace(EpisodeSession s, Frame f, BgrImage image, Detection det, int trackId, int index,
      double sx, double sy) {
    byte[] crop = aligner.align(image, det.landmarks());
    CropQuality q = QualityMeasures.measure(crop, FaceAligner.CROP_SIZE, FaceAligner.CROP_SIZE);
    return DetectedFace.newBuilder()
        .setFaceId(s.episodeId + ":" + f.getFrameIdx() + ":" + index)
        .setTrackId(trackId)
        .setBboxXyxy(scaled(det.bboxXyxy(), sx, sy))
        .setLandmarks(scaled(det.landmarks(), sx, sy))
        .setDetScore(det.score())
        .setQuality(new FaceQuality(q.contrast(), q.blur()))
        .setCropWidth(FaceAligner.CROP_SIZE)
        .setCropHeight(FaceAligner.CROP_SIZE)
        .setCrop(ByteBuffer.wrap(crop))
        .build();
  }

  private void publishClosed(EpisodeSession s, EpisodeStep step, Emitter out) {
    for (ClosedTrack t : step.closed()) {
      out.send(Topics.TRACKS, s.episodeId, Tracks.toRecord(s.episodeId, t));
      s.tracksClosed++;
    }
    s.tracksDropped += step.dropped().size();
  }

  private static List<Float> scaled(float[] xy, double sx, double sy) {
    List<Float> out = new ArrayList<>(xy.length);
    for (int i = 0; i < xy.length; i++) {
      out.add((float) (xy[i] * (i % 2 == 0 ? sx : sy)));
    }
    return out;
  }

  private static Map<String, Double> counters(EpisodeSession s) {
    return Map.of("frames", (double) s.frames, "faces", (double) s.faces, "tracks", (double) s.tracksClosed,
        "tracks_dropped", (double) s.tracksDropped);
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions, Emitter out) {
    if (!sessions.isEmpty()) {
      LOG.warn("partitions {} revoked with {} episode(s) in progress: their trackers are dropped and the "
          + "episodes replay from their uncommitted frames on the new owner", partitions, sessions.size());
      sessions.clear();
    }
  }
}
