package io.screenalytics.detecttrack.track;

/** Life-cycle state of a track (reference {@code basetrack.TrackState}). */
public enum TrackState {
  /** A candidate made from a detection, not yet started. */
  NEW,
  /** Matched in the latest processed frame (or just started). */
  TRACKED,
  /** Unmatched; kept for re-identification for up to {@code max_time_lost} frames. */
  LOST,
  /** Ended. */
  REMOVED
}
