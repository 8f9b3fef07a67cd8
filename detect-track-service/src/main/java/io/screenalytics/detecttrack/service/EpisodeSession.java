package io.screenalytics.detecttrack.service;

import io.screenalytics.runtime.kafka.EpisodeOffsets;

import io.screenalytics.detecttrack.track.EpisodeTracker;
import io.screenalytics.detecttrack.track.EpisodeTrackerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Detect-track state of one episode on one worker: its tracker, the last
 * frame processed and running counts. Rebuilt from the episode's first frame when its partition moves (see
 * {@link EpisodeOffsets}). Not thread-safe.
 */
final class EpisodeSession {

  final String episodeId;
  final EpisodeTracker tracker;
  final List<Double> sceneCuts = new ArrayList<>();
  final List<Long> sceneCutFrameIdx = new ArrayList<>();
  final List<io.screenalytics.schemas.SceneTransition> transitions = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  /** Frame index of the last frame processed, or -1 before the first. */
  long lastFrameIdx = -1;
  long frames;
  long faces;
  long tracksClosed;
  long tracksDropped;
  /** Faces marked for embedding. */
  long facesToEmbed;
  /** Embedding cadence in source frames, 0 = every face. */
  private final int embedEveryFrames;
  /** Per open track: {frame index, box height} of its last face marked for embedding. */
  private final Map<Integer, double[]> lastEmbedded = new HashMap<>();

  EpisodeSession(String episodeId, DetectTrackConfig config, double fps, int stride) {
    this.episodeId = episodeId;
    this.embedEveryFrames = config.embedEveryFrames();
    this.tracker = new EpisodeTracker(episodeId, new EpisodeTrackerConfig(config.trackThresh(), config.matchThresh(),
        config.trackBuffer(), fps, stride, config.maxGapSeconds(), config.minTrackLength()));
  }

  /** Whether {@code frameIdx} was processed already (a frame published twice, e.g. by a decoder that restarted). */
  boolean seen(long frameIdx) {
    return frameIdx <= lastFrameIdx;
  }

  /**
   * Whether a track's face in frame {@code frameIdx} is marked for embedding (see
   * {@link DetectTrackConfig#embedEveryFrames()}): always at cadence 0; else the track's first face, a face
   * {@code embedEveryFrames} or more source frames after its last marked one, or one whose box height is under 2/3
   * or over 3/2 of the last marked one's.
   *
   * @param boxHeight the face's box height, source pixels
   */
  boolean markForEmbedding(int trackId, long frameIdx, double boxHeight) {
    double[] last = lastEmbedded.get(trackId);
    boolean mark = embedEveryFrames == 0 || last == null || frameIdx - last[0] >= embedEveryFrames
        || boxHeight < last[1] * 2 / 3 || boxHeight > last[1] * 3 / 2;
    if (mark) {
      lastEmbedded.put(trackId, new double[] {frameIdx, boxHeight});
      facesToEmbed++;
    }
    return mark;
  }

  /** Forgets the cadence state of tracks that closed. */
  void closed(int trackId) {
    lastEmbedded.remove(trackId);
  }

  void warn(String warning) {
    if (warnings.size() < 20) {
      warnings.add(warning);
    }
  }
}
