package io.screenalytics.identities.episode;

import java.util.List;
import java.util.Objects;

/**
 * A closed ByteTrack track (one person's face followed across consecutive sampled frames).
 *
 * @param trackId       track id, unique within the episode
 * @param firstFrameIdx source frame index of the first detection
 * @param lastFrameIdx  source frame index of the last detection
 * @param firstTs       time of the first detection, seconds
 * @param lastTs        time of the last detection, seconds
 * @param samples       every sampled frame where the track had a detection, in frame order
 * @param meanDetScore  mean detector confidence over {@code samples}, 0..1
 * @param endReason     why the track closed: {@code lost}, {@code scene_cut}, {@code episode_end} or
 *                      {@code chunk_end}
 */
public record TrackRecord(
    int trackId,
    long firstFrameIdx,
    long lastFrameIdx,
    double firstTs,
    double lastTs,
    List<TrackSample> samples,
    float meanDetScore,
    String endReason) {

  public TrackRecord {
    samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
    if (lastFrameIdx < firstFrameIdx) {
      throw new IllegalArgumentException(
          "track " + trackId + ": last_frame_idx " + lastFrameIdx + " < first_frame_idx " + firstFrameIdx);
    }
  }
}
