package io.screenalytics.identities.screentime;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.EpisodeInfo;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Screen time from sampled frames.
 *
 * <p>Each sampled frame in which a group of tracks has at least one detection stands for
 * {@code stride / fps} seconds (0.2 s at stride 6 and 30 fps), and the last ones only up to the episode's end
 * ({@link EpisodeInfo#sampledFrameEnd(double)}): a 2 s clip at 25 fps and stride 6 has sampled frames up to 1.92 s,
 * whose 0.24 s would reach 2.16 s (108 %), so the last counts 0.08 s and the share stays at or under 100 %. Frames are counted once per group,
 * so two tracks of one person in one frame count once. Gaps inside a track, where the tracker
 * coasted but no face was detected, are not counted: screen time measures detected faces, which
 * under-counts turned-away heads but never credits time nobody saw. First and last appearance are
 * the times of the first and last counted frames (a sampled frame's time, not extended by the
 * sampling interval).
 *
 * <p>Immutable and thread-safe.
 */
public final class ScreenTimeCalculator {

  private final EpisodeInfo episode;
  private final EpisodeIndex index;

  /**
   * @param episode fps, stride and duration
   * @param index   the episode's faces and tracks
   */
  public ScreenTimeCalculator(EpisodeInfo episode, EpisodeIndex index) {
    this.episode = episode;
    this.index = index;
  }

  /**
   * Screen time of the tracks {@code trackIds} taken as one identity.
   *
   * @param identityId identity id to report
   * @param name       cast name or null
   * @param trackIds   tracks of the identity (unknown ids count as empty tracks)
   */
  public ScreenTime compute(String identityId, String name, Collection<Integer> trackIds) {
    TreeSet<Long> frames = new TreeSet<>();
    int faces = 0;
    int tracks = 0;
    for (int trackId : new TreeSet<>(trackIds)) {
      tracks++;
      faces += index.facesOf(trackId).size();
      for (long f : index.framesOf(trackId)) {
        frames.add(f);
      }
    }
    // whole sampled frames count stride / fps each (as a product, exactly as before the cut); only the frames the
    // episode's end cuts add their part
    int whole = 0;
    double cut = 0;
    for (long f : frames) {
      double ts = index.tsOf(f);
      double end = episode.sampledFrameEnd(ts);
      if (end < ts + episode.secondsPerSampledFrame()) {
        cut += end - ts;
      } else {
        whole++;
      }
    }
    double seconds = whole * (double) episode.stride() / episode.fps() + cut;
    double share = episode.durationS() > 0 ? seconds / episode.durationS() : 0.0;
    double first = frames.isEmpty() ? Double.NaN : index.tsOf(frames.first());
    double last = frames.isEmpty() ? Double.NaN : index.tsOf(frames.last());
    return new ScreenTime(identityId, name, seconds, share, first, last, tracks, faces, frames.size(),
        frames.isEmpty() ? -1 : frames.first(), frames.isEmpty() ? -1 : frames.last());
  }
}
