package io.screenalytics.identities.episode;

import java.util.List;
import java.util.Objects;

/**
 * A track the appearance gate ({@code identity.AppearanceSplitter}) cut into parts because its faces stopped
 * looking like the same person. Stages before assembly (the active speaker stage among them) know only the track
 * as it was, under {@code trackId}; assembly knows only the parts. Immutable.
 *
 * @param trackId the track as the earlier stages knew it (the first part keeps this id)
 * @param parts   its parts in time order, at least two, the first with {@code trackId}
 */
public record TrackSplit(int trackId, List<Part> parts) {

  /**
   * One part of a split track.
   *
   * @param trackId its own track id (new ids for the parts after the first)
   * @param fromS   time of its first frame, seconds from the start of the episode: from here on (up to the next
   *                part's {@code fromS}) the track's time belongs to this part
   */
  public record Part(int trackId, double fromS) {}

  /**
   * Checks and copies the parts.
   *
   * @throws IllegalArgumentException when there are fewer than two parts, the first does not keep {@code trackId}
   *     or the parts are not in time order
   */
  public TrackSplit {
    parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
    if (parts.size() < 2 || parts.get(0).trackId() != trackId) {
      throw new IllegalArgumentException("a split of track " + trackId + " needs two or more parts, the first "
          + trackId + ": " + parts);
    }
    for (int p = 1; p < parts.size(); p++) {
      if (!(parts.get(p).fromS() > parts.get(p - 1).fromS())) {
        throw new IllegalArgumentException("parts of track " + trackId + " out of time order: " + parts);
      }
    }
  }

  /**
   * Index in {@link #parts()} of the part on screen at {@code ts} seconds: the last part starting at or before it
   * (the first part also before its own first frame). A microsecond of slack absorbs the rounding of frame times.
   */
  public int partAt(double ts) {
    int p = 0;
    while (p + 1 < parts.size() && parts.get(p + 1).fromS() <= ts + 1e-6) {
      p++;
    }
    return p;
  }
}
