package io.screenalytics.detecttrack.track;

import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.TrackSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Tracks faces through one episode: a {@link ByteTracker} fed frame by frame, reset at scene cuts, that
 * turns track endings into the episode's {@code ClosedTrack} records (the schema's, one per track, with one
 * {@code TrackSample} per frame the track was output: the matched detection's box and score, not the Kalman box).
 *
 * <ul>
 *   <li>Call {@link #onFrame} for every processed frame in increasing frame order, with an empty list when
 *       nothing was detected (the lost-track limit counts calls).
 *   <li>A frame flagged as a scene cut first closes every open track ({@link EndReason#SCENE_CUT}) and
 *       starts a fresh tracker, so no track spans a cut; tracks in the cut frame start at once (they are the
 *       fresh tracker's first frame). Ids keep counting across resets, so they are unique in the episode.
 *   <li>A track the tracker lets go is closed as {@link EndReason#LOST}; {@link #finish()} closes the rest as
 *       {@link EndReason#EPISODE_END}.
 *   <li>Closed tracks with fewer than {@link EpisodeTrackerConfig#minTrackLength()} samples are reported as
 *       {@link DroppedTrack} instead. Tracks that were never output (unconfirmed) are not reported at all.
 * </ul>
 *
 * <p>Not thread-safe; one instance per episode.
 */
public final class EpisodeTracker {

  private final String episodeId;
  private final EpisodeTrackerConfig config;
  private final ByteTrackConfig trackerConfig;
  private final TrackIdSequence ids = new TrackIdSequence();
  private ByteTracker tracker;
  /** Samples of tracks output at least once and not yet closed, by id, in order of first output. */
  private final Map<Integer, List<TrackSample>> open = new LinkedHashMap<>();
  private long lastFrameIdx;
  private boolean started;
  private boolean finished;
  private int resets;

  /**
   * A tracker for one episode.
   *
   * @param episodeId the episode, written on every closed track
   * @param config    settings
   */
  public EpisodeTracker(String episodeId, EpisodeTrackerConfig config) {
    this.episodeId = Objects.requireNonNull(episodeId, "episodeId");
    this.config = Objects.requireNonNull(config, "config");
    this.trackerConfig = config.byteTrackConfig();
    this.tracker = new ByteTracker(trackerConfig, ids);
  }

  /** The settings. */
  public EpisodeTrackerConfig config() {
    return config;
  }

  /** The ByteTrack parameters in use, with the lost-track limit derived from the gap limit. */
  public ByteTrackConfig trackerConfig() {
    return trackerConfig;
  }

  /** Number of track ids allocated so far (the highest id). */
  public int trackIdsAllocated() {
    return ids.lastIssued();
  }

  /** Number of scene-cut resets so far. */
  public int resets() {
    return resets;
  }

  /**
   * Processes one frame.
   *
   * @param frameIdx   episode frame index, strictly greater than the previous call's
   * @param tsSeconds  frame timestamp, seconds
   * @param detections this frame's detections, in detector order
   * @param sceneCut   true if a shot boundary lies just before this frame
   * @return this frame's tracks, and the tracks closed or dropped at this frame
   * @throws IllegalStateException    after {@link #finish()}
   * @throws IllegalArgumentException if the frame index does not increase or the timestamp is not finite
   */
  public EpisodeStep onFrame(long frameIdx, double tsSeconds, List<ScoredBox> detections, boolean sceneCut) {
    if (finished) {
      throw new IllegalStateException("episode already finished");
    }
    if (started && frameIdx <= lastFrameIdx) {
      throw new IllegalArgumentException(
          "frame index must increase: " + frameIdx + " after " + lastFrameIdx);
    }
    if (!Double.isFinite(tsSeconds)) {
      throw new IllegalArgumentException("timestamp must be finite, got " + tsSeconds);
    }
    Objects.requireNonNull(detections, "detections");
    started = true;
    lastFrameIdx = frameIdx;

    List<ClosedTrack> closed = new ArrayList<>();
    List<DroppedTrack> dropped = new ArrayList<>();
    if (sceneCut && tracker.frameId() > 0) {
      closeAll(EndReason.SCENE_CUT, closed, dropped);
      tracker = new ByteTracker(trackerConfig, ids);
      resets++;
    }
    TrackerOutput out = tracker.update(detections);
    for (TrackedBox t : out.tracks()) {
      ScoredBox d = t.detection();
      open.computeIfAbsent(t.trackId(), id -> new ArrayList<>()).add(TrackSample.newBuilder()
          .setFrameIdx(frameIdx).setTs(tsSeconds).setBboxXyxy(d.box().xyxy()).setDetScore((float) d.score())
          .build());
    }
    for (int id : out.endedTrackIds()) {
      List<TrackSample> samples = open.remove(id);
      if (samples != null) {
        close(id, samples, EndReason.LOST, closed, dropped);
      }
    }
    return new EpisodeStep(out.tracks(), closed, dropped);
  }

  /**
   * Ends the episode, closing every open track as {@link EndReason#EPISODE_END}. Later calls to
   * {@link #onFrame} fail; a second call returns an empty step.
   *
   * @return the closed and dropped tracks, no frame tracks
   */
  public EpisodeStep finish() {
    List<ClosedTrack> closed = new ArrayList<>();
    List<DroppedTrack> dropped = new ArrayList<>();
    if (!finished) {
      closeAll(EndReason.EPISODE_END, closed, dropped);
      finished = true;
    }
    return new EpisodeStep(List.of(), closed, dropped);
  }

  private void closeAll(EndReason reason, List<ClosedTrack> closed, List<DroppedTrack> dropped) {
    for (Map.Entry<Integer, List<TrackSample>> e : open.entrySet()) {
      close(e.getKey(), e.getValue(), reason, closed, dropped);
    }
    open.clear();
  }

  private void close(
      int id,
      List<TrackSample> samples,
      EndReason reason,
      List<ClosedTrack> closed,
      List<DroppedTrack> dropped) {
    if (samples.size() >= config.minTrackLength()) {
      closed.add(closedTrack(id, samples, reason));
    } else {
      dropped.add(new DroppedTrack(id, samples.stream().map(TrackSample::getFrameIdx).toList(), reason));
    }
  }

  private ClosedTrack closedTrack(int id, List<TrackSample> samples, EndReason reason) {
    TrackSample first = samples.get(0);
    TrackSample last = samples.get(samples.size() - 1);
    double sum = 0;
    for (TrackSample s : samples) {
      sum += s.getDetScore();
    }
    return ClosedTrack.newBuilder()
        .setEpisodeId(episodeId)
        .setTrackId(id)
        .setFirstFrameIdx(first.getFrameIdx())
        .setLastFrameIdx(last.getFrameIdx())
        .setFirstTs(first.getTs())
        .setLastTs(last.getTs())
        .setSamples(List.copyOf(samples))
        .setMeanDetScore((float) (sum / samples.size()))
        .setEndReason(reason.name().toLowerCase(Locale.ROOT))
        .build();
  }
}
