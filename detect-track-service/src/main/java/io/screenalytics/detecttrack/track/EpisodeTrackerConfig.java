package io.screenalytics.detecttrack.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@link EpisodeTracker}. Validated at construction, every problem reported at once.
 *
 * <p>The tracker runs on processed frames: every {@code stride}-th decoded frame of a video at {@code fps},
 * so its frame rate is {@code fps / stride}. Lost tracks are kept for the shorter of ByteTrack's buffer
 * ({@code int(fps/stride / 30 * trackBuffer)} frames, one second with the default buffer) and
 * {@code maxGapSeconds}. The faithful tracker can re-find a lost track up to {@code maxTimeLost + 2}
 * processed frames after its last match (its removal takes effect one frame late), so a gap limit of
 * {@code G = floor(maxGapSeconds * fps / stride)} frames sets {@code maxTimeLost = max(0, G - 2)}: a track
 * that reappears more than {@code maxGapSeconds} after its last match gets a new id. The smallest possible
 * gap is therefore 2 processed frames (one missing frame). As in the reference, a track re-found in that
 * last extra frame is let go at once the next time it is lost.
 *
 * @param trackThresh    ByteTrack high-score threshold, see {@link ByteTrackConfig#trackThresh()}
 * @param matchThresh    ByteTrack first-association cost limit, see {@link ByteTrackConfig#matchThresh()}
 * @param trackBuffer    ByteTrack buffer, frames at 30 fps, see {@link ByteTrackConfig#trackBuffer()}
 * @param fps            decoded video frame rate, frames per second
 * @param stride         decoded frames per processed frame (1 = every frame)
 * @param maxGapSeconds  longest time, seconds, between a track's last match and its re-appearance under the
 *                       same id; {@code Double.POSITIVE_INFINITY} keeps only ByteTrack's own limit
 * @param minTrackLength tracks with fewer samples (output frames) are dropped rather than emitted
 */
public record EpisodeTrackerConfig(
    double trackThresh,
    double matchThresh,
    int trackBuffer,
    double fps,
    int stride,
    double maxGapSeconds,
    int minTrackLength) {

  /** Default ByteTrack high-score threshold (the reference default). */
  public static final double DEFAULT_TRACK_THRESH = 0.5;
  /** Default first-association cost limit (the reference default). */
  public static final double DEFAULT_MATCH_THRESH = 0.8;
  /** Default buffer, frames at 30 fps (the reference default). */
  public static final int DEFAULT_TRACK_BUFFER = 30;
  /** Default gap limit, seconds. */
  public static final double DEFAULT_MAX_GAP_SECONDS = 2.0;
  /** Default minimum samples per emitted track. */
  public static final int DEFAULT_MIN_TRACK_LENGTH = 3;

  /**
   * Validates all fields together, including that the derived {@link ByteTrackConfig} is valid.
   *
   * @throws IllegalArgumentException listing every problem
   */
  public EpisodeTrackerConfig {
    List<String> problems = new ArrayList<>();
    if (!(fps > 0 && Double.isFinite(fps))) {
      problems.add("fps must be a positive number of frames per second, got " + fps);
    }
    if (stride < 1) {
      problems.add("stride must be >= 1 frame, got " + stride);
    }
    if (!(maxGapSeconds > 0)) {
      problems.add("maxGapSeconds must be > 0 seconds, got " + maxGapSeconds);
    }
    if (minTrackLength < 1) {
      problems.add("minTrackLength must be >= 1 sample, got " + minTrackLength);
    }
    // the ByteTrack fields are checked by ByteTrackConfig; a placeholder rate if fps or stride is invalid
    double rate = problems.isEmpty() ? fps / stride : 30.0;
    try {
      ByteTrackConfig.reference(trackThresh, matchThresh, trackBuffer, rate);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid episode tracker config: " + String.join("; ", problems));
    }
  }

  /**
   * Defaults for a video: thresholds 0.5 / 0.8, buffer 30, max gap 2.0 s, min length 3.
   *
   * @param fps    decoded frame rate, frames per second
   * @param stride decoded frames per processed frame
   * @return the config
   */
  public static EpisodeTrackerConfig defaults(double fps, int stride) {
    return new EpisodeTrackerConfig(
        DEFAULT_TRACK_THRESH,
        DEFAULT_MATCH_THRESH,
        DEFAULT_TRACK_BUFFER,
        fps,
        stride,
        DEFAULT_MAX_GAP_SECONDS,
        DEFAULT_MIN_TRACK_LENGTH);
  }

  /** Processed frames per second, {@code fps / stride}. */
  public double processedFrameRate() {
    return fps / stride;
  }

  /** The gap limit in processed frames, {@code floor(maxGapSeconds * fps / stride)}, saturating. */
  public int maxGapFrames() {
    double frames = Math.floor(maxGapSeconds * fps / stride + 1e-9);
    return frames >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) frames;
  }

  /** The ByteTrack parameters, with {@code maxTimeLost} capped by the gap limit (see the class comment). */
  public ByteTrackConfig byteTrackConfig() {
    ByteTrackConfig reference =
        ByteTrackConfig.reference(trackThresh, matchThresh, trackBuffer, processedFrameRate());
    int gapCap = Math.max(0, maxGapFrames() - 2);
    return reference.withMaxTimeLost(Math.min(reference.maxTimeLost(), gapCap));
  }
}
