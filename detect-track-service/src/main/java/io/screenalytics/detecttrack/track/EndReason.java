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
  EPISODE_END,
  /**
   * {@link EpisodeTracker#finishChunk()} was called at the end of a chunk of an episode decoded in chunks (decoder
   * {@code decoder.chunk.seconds}); assembly joins such a track with its continuation in the next chunk.
   */
  CHUNK_END
}
