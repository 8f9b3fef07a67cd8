package io.screenalytics.identities.screentime;

/**
 * Screen time of one identity (or of the unassigned tracks).
 *
 * @param identityId     identity id ({@code lisa_vanderpump}, {@code unknown_01}, {@code unassigned})
 * @param name           cast name, or null
 * @param visibleSeconds sampled frames with at least one face of the identity, times
 *                       {@code stride / fps}; seconds
 * @param share          {@code visibleSeconds / duration_s}, 0..1 (0 when the duration is 0)
 * @param firstTs        time of the first such frame, seconds on the ts timeline (the container's, as a player
 *                       shows it; NaN when there is none)
 * @param lastTs         time of the last such frame, seconds (NaN when there is none)
 * @param firstFrameIdx  frame_idx of the first such frame (-1 when there is none or it is not known)
 * @param lastFrameIdx   frame_idx of the last such frame (-1 when there is none or it is not known)
 * @param tracks         number of tracks
 * @param faces          number of face records
 * @param frames         number of distinct sampled frames counted
 */
public record ScreenTime(
    String identityId,
    String name,
    double visibleSeconds,
    double share,
    double firstTs,
    double lastTs,
    int tracks,
    int faces,
    int frames,
    long firstFrameIdx,
    long lastFrameIdx) {

  /** Figures without the frame indices of the first and last frames (-1). */
  public ScreenTime(String identityId, String name, double visibleSeconds, double share, double firstTs,
      double lastTs, int tracks, int faces, int frames) {
    this(identityId, name, visibleSeconds, share, firstTs, lastTs, tracks, faces, frames, -1, -1);
  }

  /** The same figures under another id and name. */
  public ScreenTime relabel(String newId, String newName) {
    return new ScreenTime(newId, newName, visibleSeconds, share, firstTs, lastTs, tracks, faces, frames,
        firstFrameIdx, lastFrameIdx);
  }
}
