package io.screenalytics.video.decode;

import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;

import io.screenalytics.video.decode.VideoDecodeException.Reason;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * The video stream's clock, read from an opened grabber: turns a frame's presentation timestamp (in the
 * stream's time base) into seconds and into a frame index, and describes the stream as a {@link VideoInfo}.
 * Also rejects what opened but is not a video: still images, audio-only files, cover art.
 *
 * <ul>
 *   <li>seconds = {@code pts * time_base - container start_time}: the file's timeline, as ffmpeg and players
 *       show it (the container starts at 0 s even if the video starts later);</li>
 *   <li>frame index = {@code round((pts - video stream start_time) * time_base * fps)}, with the average
 *       frame rate: 0 for the first frame. When the stream declares no start time, the first timestamp
 *       asked about becomes the origin.</li>
 * </ul>
 */
final class StreamTimeline {

  private final double timeBase;
  private final double fps;
  private final double formatStartSeconds;
  private final double declaredEndSeconds;
  private final VideoInfo info;
  private long originPts;

  private StreamTimeline(double timeBase, double fps, double formatStartSeconds, long originPts,
      double declaredEndSeconds, VideoInfo info) {
    this.timeBase = timeBase;
    this.fps = fps;
    this.formatStartSeconds = formatStartSeconds;
    this.originPts = originPts;
    this.declaredEndSeconds = declaredEndSeconds;
    this.info = info;
  }

  /**
   * Reads the clock and description of the grabber's video stream.
   *
   * @throws VideoDecodeException {@link Reason#NOT_A_VIDEO} for a still image, {@link Reason#NO_VIDEO_STREAM}
   *     when there is no video stream or only cover art, {@link Reason#DECODE_ERROR} when the stream has no
   *     usable frame rate or time base
   */
  static StreamTimeline of(String location, FFmpegFrameGrabber grabber) {
    String format = String.valueOf(grabber.getFormat());
    if (isStillImageFormat(format)) {
      throw new VideoDecodeException(Reason.NOT_A_VIDEO, location,
          "a still image (FFmpeg reads it with the '" + format + "' image demuxer), not a video");
    }
    if (!grabber.hasVideo()) {
      throw new VideoDecodeException(Reason.NO_VIDEO_STREAM, location, "the '" + format
          + "' file has no video stream" + (grabber.hasAudio() ? " (audio only)" : ""));
    }
    AVFormatContext container = grabber.getFormatContext();
    AVStream stream = container.streams(grabber.getVideoStream());
    if ((stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
      throw new VideoDecodeException(Reason.NO_VIDEO_STREAM, location,
          "the only video stream is an attached picture (cover art)");
    }
    double fps = rate(stream.avg_frame_rate());
    if (!(fps > 0)) {
      fps = rate(stream.r_frame_rate());
    }
    double timeBase = rate(stream.time_base());
    if (!(fps > 0) || Double.isInfinite(fps) || !(timeBase > 0) || Double.isInfinite(timeBase)) {
      throw new VideoDecodeException(Reason.DECODE_ERROR, location, "the video stream declares no usable"
          + " frame rate (" + fps + " fps) or time base (" + timeBase + " s)");
    }
    double formatStart = container.start_time() == AV_NOPTS_VALUE
        ? 0 : (double) container.start_time() / AV_TIME_BASE;
    long originPts = stream.start_time();
    double startSeconds = originPts == AV_NOPTS_VALUE ? 0 : originPts * timeBase - formatStart;
    double streamDuration = stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0
        ? stream.duration() * timeBase : 0;
    double containerDuration = container.duration() != AV_NOPTS_VALUE && container.duration() > 0
        ? (double) container.duration() / AV_TIME_BASE : 0;
    double duration = streamDuration > 0 ? streamDuration : containerDuration;
    double declaredEnd = streamDuration > 0 ? startSeconds + streamDuration : containerDuration;
    long frameCount = stream.nb_frames() > 0 ? stream.nb_frames() : Math.round(duration * fps);
    VideoInfo info = new VideoInfo(grabber.getImageWidth(), grabber.getImageHeight(), fps, duration,
        startSeconds, String.valueOf(grabber.getVideoCodecName()), format, frameCount, rotation(grabber));
    return new StreamTimeline(timeBase, fps, formatStart, originPts, declaredEnd, info);
  }

  /** Whether FFmpeg picked one of its still-image demuxers ({@code image2}, {@code jpeg_pipe}, ...). */
  static boolean isStillImageFormat(String format) {
    return format.equals("image2") || format.equals("image2pipe") || format.endsWith("_pipe")
        || format.equals("tty");
  }

  VideoInfo info() {
    return info;
  }

  /** Presentation time of {@code pts} in seconds on the file's timeline. */
  double seconds(long pts) {
    return pts * timeBase - formatStartSeconds;
  }

  /** Frame index of {@code pts}: frames since the start of the video stream at the average frame rate. */
  long frameIndex(long pts) {
    if (originPts == AV_NOPTS_VALUE) {
      originPts = pts;
    }
    return Math.round((pts - originPts) * timeBase * fps);
  }

  /** Where the stream should end on the file's timeline, in seconds; 0 when the file does not say. */
  double declaredEndSeconds() {
    return declaredEndSeconds;
  }

  private static double rate(AVRational r) {
    return r == null || r.den() == 0 ? 0 : (double) r.num() / r.den();
  }

  private static double rotation(FFmpegFrameGrabber grabber) {
    try {
      double degrees = grabber.getDisplayRotation();
      if (Double.isNaN(degrees) || degrees == 0) {
        return 0;
      }
      return degrees <= -180 ? degrees + 360 : degrees;
    } catch (RuntimeException e) {
      return 0; // a malformed display matrix is not worth failing the whole video for
    }
  }
}
