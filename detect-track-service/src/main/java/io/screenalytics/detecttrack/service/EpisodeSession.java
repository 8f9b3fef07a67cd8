package io.screenalytics.detecttrack.service;

import io.screenalytics.runtime.kafka.EpisodeOffsets;

import io.screenalytics.detecttrack.track.EpisodeTracker;
import io.screenalytics.detecttrack.track.EpisodeTrackerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Detect-track state of one episode on one worker: its tracker, the best crops of its open tracks, the last
 * frame processed and running counts. Rebuilt from the episode's first frame when its partition moves (see
 * {@link EpisodeOffsets}). Not thread-safe.
 */
final class EpisodeSession {

  final String episodeId;
  final EpisodeTracker tracker;
  final TrackCrops crops;
  final List<Double> sceneCuts = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  /** Frame index of the last frame processed, or -1 before the first. */
  long lastFrameIdx = -1;
  long frames;
  long faces;
  long tracksClosed;
  long tracksDropped;

  EpisodeSession(String episodeId, DetectTrackConfig config, double fps, int stride) {
    this.episodeId = episodeId;
    this.tracker = new EpisodeTracker(new EpisodeTrackerConfig(config.trackThresh(), config.matchThresh(),
        config.trackBuffer(), fps, stride, config.maxGapSeconds(), config.minTrackLength()));
    this.crops = new TrackCrops(config.cropsPerTrack());
  }

  /** Whether {@code frameIdx} was processed already (a frame published twice, e.g. by a decoder that restarted). */
  boolean seen(long frameIdx) {
    return frameIdx <= lastFrameIdx;
  }

  void warn(String warning) {
    if (warnings.size() < 20) {
      warnings.add(warning);
    }
  }
}
