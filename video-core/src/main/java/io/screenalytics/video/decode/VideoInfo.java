package io.screenalytics.video.decode;

/**
 * What the container says about the video stream, read once when a {@link VideoSource} opens.
 *
 * @param width coded frame width in pixels (frames are delivered at this size, not rotated)
 * @param height coded frame height in pixels
 * @param fps average frame rate in frames per second (the stream's {@code avg_frame_rate}, falling back to
 *     {@code r_frame_rate}); always positive and finite
 * @param durationSeconds duration of the video stream in seconds, or of the whole file when the stream does
 *     not declare one; 0 when unknown
 * @param startSeconds presentation time of the first video frame in seconds, on the timeline of
 *     {@link DecodedFrame#tsSeconds()} (0 for most files; 0.844 for a file whose video starts late)
 * @param codecName FFmpeg's short codec name, for example {@code h264} or {@code mpeg4}
 * @param formatName FFmpeg's demuxer name, for example {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param frameCountEstimate number of frames: the container's frame count when it declares one, else
 *     {@code round(durationSeconds * fps)}; an estimate, not a promise
 * @param rotationDegrees rotation from the stream's display matrix in degrees, counter-clockwise, in
 *     (-180, 180] as FFmpeg's {@code av_display_rotation_get} and ffprobe's {@code rotation} report it;
 *     0 when absent. Frames are not rotated by the decoder.
 */
public record VideoInfo(
    int width,
    int height,
    double fps,
    double durationSeconds,
    double startSeconds,
    String codecName,
    String formatName,
    long frameCountEstimate,
    double rotationDegrees) {

  /** Duration of one frame at the average frame rate, in seconds. */
  public double frameDurationSeconds() {
    return 1.0 / fps;
  }
}
