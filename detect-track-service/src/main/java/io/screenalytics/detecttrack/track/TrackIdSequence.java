package io.screenalytics.detecttrack.track;

/**
 * Allocates track ids 1, 2, 3, ... (the reference's {@code BaseTrack.next_id}, but per instance instead of a
 * process-wide static). Several trackers may share one sequence so ids stay unique across tracker resets,
 * as {@link EpisodeTracker} does at scene cuts. Not thread-safe.
 */
public final class TrackIdSequence {

  private int last;

  /** A sequence whose first id is 1. */
  public TrackIdSequence() {}

  /**
   * Allocates the next id.
   *
   * @return an id one higher than the previous one
   */
  public int next() {
    return ++last;
  }

  /** The last id handed out, or 0 if none. This is also the number of ids allocated. */
  public int lastIssued() {
    return last;
  }
}
