package io.screenalytics.detecttrack.service;

import io.screenalytics.detecttrack.track.EpisodeTracker;
import io.screenalytics.detecttrack.track.EpisodeTrackerConfig;
import java.util.ArrayList;
import java.util.List;

/** Detect-track state of one episode on one worker: its tracker and running counts. Not thread-safe. */
final class EpisodeSession {

  final String episodeId;
  final EpisodeTracker tracker;
  final List<Double> sceneCuts = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  long frames;
  long faces;
  long tracksClosed;
  long tracksDropped;

  EpisodeSession(String episodeId, DetectTrackConfig config, double fps, int stride) {
    this.episodeId = episodeId;
    this.tracker = new EpisodeTracker(new EpisodeTrackerConfig(config.trackThresh(), config.matchThresh(),
        config.trackBuffer(), fps, stride, config.maxGapSeconds(), config.minTrackLength()));
  }

  void warn(String warning) {
    if (warnings.size() < 20) {
      warnings.add(warning);
    }
  }
}
