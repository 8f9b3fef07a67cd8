package io.screenalytics.detecttrack.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of {@link ByteTracker}, named after the reference's {@code args} ({@code yolox/tracker}).
 * Validated at construction, every problem reported at once.
 *
 * @param trackThresh score above which a detection is "high" and joins the first association
 *     (reference {@code track_thresh}, default 0.5); new tracks need {@link #detThresh()}
 * @param matchThresh cost limit of the first association, on the fused cost {@code 1 - IoU*score}
 *     (reference {@code match_thresh}, default 0.8)
 * @param trackBuffer frames a lost track is kept, at 30 fps (reference {@code track_buffer}, default 30)
 * @param frameRate   processed frames per second, used to scale the buffer (reference {@code frame_rate})
 * @param fuseScore   whether first and unconfirmed association costs fuse the detection score
 *     (reference: {@code not mot20}; true in the reference runs)
 * @param maxTimeLost a lost track is marked removed once {@code frame - last_matched_frame > maxTimeLost};
 *     the reference value is {@link #bufferFrames(double, int)}, a caller may lower it
 */
public record ByteTrackConfig(
    double trackThresh,
    double matchThresh,
    int trackBuffer,
    double frameRate,
    boolean fuseScore,
    int maxTimeLost) {

  /** Added to {@code trackThresh} to start a track (reference {@code det_thresh = track_thresh + 0.1}). */
  public static final double NEW_TRACK_MARGIN = 0.1;

  /**
   * Validates all fields together.
   *
   * @throws IllegalArgumentException listing every invalid field
   */
  public ByteTrackConfig {
    List<String> problems = new ArrayList<>();
    if (!(trackThresh > 0 && trackThresh < 1)) {
      problems.add("trackThresh must be in (0, 1), got " + trackThresh);
    }
    if (!(matchThresh > 0 && matchThresh <= 1)) {
      problems.add("matchThresh must be in (0, 1], got " + matchThresh);
    }
    if (trackBuffer < 0) {
      problems.add("trackBuffer must be >= 0 frames, got " + trackBuffer);
    }
    if (!(frameRate > 0 && Double.isFinite(frameRate))) {
      problems.add("frameRate must be a positive number of frames per second, got " + frameRate);
    }
    if (maxTimeLost < 0) {
      problems.add("maxTimeLost must be >= 0 frames, got " + maxTimeLost);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid ByteTrack config: " + String.join("; ", problems));
    }
  }

  /**
   * The reference tracker: score fusion on ({@code mot20=False}) and {@code maxTimeLost} from the buffer.
   *
   * @param trackThresh high-score threshold
   * @param matchThresh first-association cost limit
   * @param trackBuffer lost-track buffer, frames at 30 fps
   * @param frameRate   processed frames per second
   * @return the config
   */
  public static ByteTrackConfig reference(
      double trackThresh, double matchThresh, int trackBuffer, double frameRate) {
    return new ByteTrackConfig(
        trackThresh, matchThresh, trackBuffer, frameRate, true, bufferFrames(frameRate, trackBuffer));
  }

  /**
   * The reference defaults ({@code track_thresh 0.5, match_thresh 0.8, track_buffer 30}) at a frame rate.
   *
   * @param frameRate processed frames per second
   * @return the config
   */
  public static ByteTrackConfig defaults(double frameRate) {
    return reference(0.5, 0.8, 30, frameRate);
  }

  /**
   * The reference's {@code max_time_lost = int(frame_rate / 30.0 * track_buffer)}, truncated toward zero.
   *
   * @param frameRate   processed frames per second
   * @param trackBuffer buffer in frames at 30 fps
   * @return frames
   */
  public static int bufferFrames(double frameRate, int trackBuffer) {
    return (int) (frameRate / 30.0 * trackBuffer);
  }

  /** Minimum score of a detection to start a track: {@code trackThresh + 0.1}, in double arithmetic. */
  public double detThresh() {
    return trackThresh + NEW_TRACK_MARGIN;
  }

  /**
   * This config with another lost-track limit.
   *
   * @param frames new {@code maxTimeLost}, processed frames
   * @return a new config
   */
  public ByteTrackConfig withMaxTimeLost(int frames) {
    return new ByteTrackConfig(trackThresh, matchThresh, trackBuffer, frameRate, fuseScore, frames);
  }
}
