package io.screenalytics.detecttrack.track;

/** Why {@link EpisodeTracker} closed a track. */
public enum EndReason {
  /**
   * The tracker let the track go: lost for longer than the lost-track limit, or dropped as a duplicate of an
   * overlapping track.
   */
  LOST,
  /** A scene cut reset the tracker. */
  SCENE_CUT,
  /** {@link EpisodeTracker#finish()} was called at the end of the episode. */
  EPISODE_END
}
