package io.screenalytics.video.decode;

import io.screenalytics.vision.image.PictureConverter;
import io.screenalytics.vision.image.PixelFormat;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import io.screenalytics.video.decode.DecodeWarning.Kind;
import io.screenalytics.video.decode.InputFile.IsoBmffLayout;
import io.screenalytics.video.decode.VideoDecodeException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local video file, opened with FFmpeg (through JavaCV) and read frame by frame. All of JavaCV stays
 * behind this class: callers see {@link VideoInfo}, {@link DecodedFrame} copies and {@link VideoDecodeException}.
 *
 * <pre>{@code
 * try (VideoSource video = VideoSource.open("/data/ep01.mp4", 1)) {
 *   for (DecodedFrame f = video.nextFrame(); f != null; f = video.nextFrame()) { ... }
 * }
 * }</pre>
 *
 * <p>Bad input fails at {@link #open} with a {@link Reason}. Trouble that still leaves decodable frames does
 * not throw: frames the decoder drops, frames decoded with concealed errors, frames that fail to convert and
 * a truncated file are counted in {@link #stats()} and described in {@link #warnings()}. A stream that ends
 * without one decodable frame throws when its end is reached.
 *
 * <p>Not thread-safe: use from one thread, and close it (it holds native decoder memory) in
 * try-with-resources. Sets FFmpeg's process-wide log level and callback once (see {@link FfmpegLog}).
 */
public final class VideoSource implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VideoSource.class);
  /** Warnings kept per video; the counts in {@link DecodeStats} are exact regardless. */
  static final int MAX_WARNINGS = 100;
  /** Consecutive decoder exceptions after which the rest of the stream is given up. */
  private static final int MAX_CONSECUTIVE_FAILURES = 32;
  /** {@code AV_FRAME_FLAG_CORRUPT} from libavutil/frame.h, {@code (1 << 0)}: the preset has no constant. */
  private static final int AV_FRAME_FLAG_CORRUPT = 1;
  /** A stream ending this much earlier than declared, in seconds, is reported as truncated. */
  private static final double TRUNCATION_TOLERANCE_SECONDS = 2.0;

  private final String location;
  private final FFmpegFrameGrabber grabber;
  private final StreamTimeline timeline;
  private final VideoInfo info;
  private final boolean countLostFrames;
  private final int maxLongSide;
  private final PixelFormat pixelFormat;
  private final PictureConverter converter = new PictureConverter();
  private final PictureConverter thumbnails = new PictureConverter();
  private final List<DecodeWarning> warnings = new ArrayList<>();

  private AVFrame current;
  private long currentIdx = -1;
  private double currentTs;
  private boolean ended;
  private boolean closed;
  private boolean truncationReported;
  private long decoded;
  private long converted;
  private long returned;
  private long lost;
  private long damaged;
  private long failed;

  private VideoSource(String location, FFmpegFrameGrabber grabber, StreamTimeline timeline,
      IsoBmffLayout layout, SamplingPolicy policy, int maxLongSide, PixelFormat pixelFormat) {
    this.location = location;
    this.maxLongSide = maxLongSide;
    this.pixelFormat = pixelFormat;
    this.grabber = grabber;
    this.timeline = timeline;
    this.info = timeline.info();
    this.countLostFrames = !policy.skipsNonReferenceFrames();
    if (layout.truncation() != null) {
      warn(Kind.TRUNCATED, -1, "file is truncated: " + layout.truncation()
          + "; frames after the cut are missing");
      truncationReported = true;
    }
  }

  /**
   * Opens a video to decode every frame; see {@link #open(String, int, SamplingPolicy)}.
   *
   * @param location a local path or a {@code file:} URI
   * @param decoderThreads threads the decoder may use, at least 1
   * @throws VideoDecodeException if the location is not a readable, non-empty file holding a decodable
   *     video stream
   */
  public static VideoSource open(String location, int decoderThreads) {
    return open(location, decoderThreads, SamplingPolicy.EXACT_STRIDE);
  }

  /**
   * Opens a video for decoding.
   *
   * @param location a local path or a {@code file:} URI
   * @param decoderThreads threads the decoder may use, at least 1 (JavaCV's default would use every core)
   * @param policy {@link SamplingPolicy#FAST_STRIDE} makes the decoder skip non-reference frames, which are
   *     then never returned; {@link SamplingPolicy#EXACT_STRIDE} decodes every frame
   * @return an open source, positioned before the first frame
   * @throws VideoDecodeException if the location is not a readable, non-empty file holding a decodable
   *     video stream; the reason says which
   * @throws IllegalArgumentException if {@code decoderThreads} is out of range or {@code policy} is null
   */
  public static VideoSource open(String location, int decoderThreads, SamplingPolicy policy) {
    return open(location, new DecodeSettings(1, policy, decoderThreads));
  }

  /**
   * Opens a video for decoding as {@code settings} say; see {@link #open(String, int, SamplingPolicy)}. Frames
   * larger than {@link DecodeSettings#maxLongSide()} are scaled down (area averaging) while they are converted to
   * {@link DecodeSettings#pixelFormat()}, and keep their decoded size in {@link DecodedFrame#sourceWidth()} /
   * {@link DecodedFrame#sourceHeight()}; {@link DecodeSettings#skipLoopFilter()} is FFmpeg's
   * {@code skip_loop_filter} (cheaper decoding, blockier pictures that later frames inherit). The stride is the
   * {@link FrameSampler}'s: this source returns every frame it decodes.
   *
   * @throws VideoDecodeException as {@link #open(String, int, SamplingPolicy)}
   */
  public static VideoSource open(String location, DecodeSettings settings) {
    int decoderThreads = settings.decoderThreads();
    SamplingPolicy policy = settings.policy();
    FfmpegLog.install();
    Path path = InputFile.resolve(location);
    long size = InputFile.checkReadable(path, location);
    IsoBmffLayout layout = InputFile.scanIsoBmff(path, size);

    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(path.toString());
    grabber.setImageMode(FrameGrabber.ImageMode.RAW); // convert later, and only the frames that are kept
    grabber.setVideoOption("threads", Integer.toString(decoderThreads));
    if (policy.skipFrame() != null) {
      grabber.setVideoOption("skip_frame", policy.skipFrame());
    }
    if (!settings.skipLoopFilter().equals("none")) {
      grabber.setVideoOption("skip_loop_filter", settings.skipLoopFilter());
    }
    boolean opened = false;
    try {
      start(grabber, location, layout);
      StreamTimeline timeline = StreamTimeline.of(location, grabber);
      VideoSource source = new VideoSource(location, grabber, timeline, layout, policy, settings.maxLongSide(),
          settings.pixelFormat());
      LOG.debug("opened {}: {} ({} bytes, {} decoder threads, {})", location, source.info, size,
          decoderThreads, policy);
      opened = true;
      return source;
    } finally {
      if (!opened) {
        closeGrabber(grabber, location);
      }
    }
  }

  /** Starts the grabber; a failure becomes the {@link VideoDecodeException} that says why. */
  static void start(FFmpegFrameGrabber grabber, String location, IsoBmffLayout layout) {
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw OpenFailures.classify(location, layout, e);
    }
  }

  /** What the container says about the video stream. */
  public VideoInfo info() {
    return info;
  }

  /**
   * Positions the source at frame {@code frameIdx}, a keyframe ({@link ChunkPlan#keyframeIndices}), before any frame is read:
   * the next frame decoded is that keyframe, with its global index and timestamp.
   *
   * @throws IllegalStateException    if a frame was read already or the source is closed
   * @throws VideoDecodeException     {@link Reason#DECODE_ERROR} if FFmpeg cannot seek in the file
   */
  public void seekToKeyframe(long frameIdx) {
    if (closed || decoded > 0 || currentIdx >= 0) {
      throw new IllegalStateException("seek only before the first frame of an open source: " + location);
    }
    if (frameIdx <= 0) {
      return;
    }
    try {
      grabber.setVideoFrameNumber(Math.toIntExact(frameIdx));
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new VideoDecodeException(Reason.DECODE_ERROR, location, "cannot seek to frame " + frameIdx + ": " + e);
    }
    // frames before the keyframe are not missing: they belong to an earlier chunk
    currentIdx = frameIdx - 1;
  }

  /**
   * Decodes the next frame and returns a BGR copy of it.
   *
   * @return the next frame, or {@code null} at the end of the stream
   * @throws VideoDecodeException {@link Reason#DECODE_ERROR} or {@link Reason#TRUNCATED} if the stream ends
   *     without having produced a single frame
   * @throws IllegalStateException if the source is closed
   */
  public DecodedFrame nextFrame() {
    return nextFrameFrom(Double.NEGATIVE_INFINITY);
  }

  /**
   * Decodes up to the first frame at or after {@code fromSeconds} and returns a BGR copy of it; the frames before it
   * are decoded but not converted (after {@link #seekToKeyframe}, the lead-in from the keyframe to where a reader
   * wants pictures: for active speaker spans of a 1080p episode with 250-frame GOPs, the conversion of about 125
   * frames a span).
   *
   * @param fromSeconds presentation time in seconds on the file's timeline ({@link DecodedFrame#tsSeconds()})
   * @return that frame, or {@code null} at the end of the stream
   * @throws VideoDecodeException as {@link #nextFrame()}
   * @throws IllegalStateException if the source is closed
   */
  public DecodedFrame nextFrameFrom(double fromSeconds) {
    while (advance()) {
      if (currentTs < fromSeconds) {
        continue;
      }
      DecodedFrame frame = convertCurrent();
      if (frame != null) {
        returned++;
        return frame;
      }
    }
    return null;
  }

  /** Everything that went wrong without stopping decoding so far, oldest first (at most 101 entries). */
  public List<DecodeWarning> warnings() {
    return List.copyOf(warnings);
  }

  /** Frame counts so far; {@code framesSampled} counts the frames {@link #nextFrame()} returned. */
  public DecodeStats stats() {
    return stats(returned);
  }

  DecodeStats stats(long sampled) {
    return new DecodeStats(decoded, converted, sampled, lost, damaged, failed);
  }

  /**
   * Decodes the next picture without converting it. Until the next call, {@link #currentFrameIndex()}
   * describes it and {@link #convertCurrent()} or {@link #holdCurrent()} can take it.
   *
   * @return false at the end of the stream
   */
  boolean advance() {
    if (closed) {
      throw new IllegalStateException("video source is closed: " + location);
    }
    current = null;
    if (ended) {
      return false;
    }
    int consecutiveFailures = 0;
    while (true) {
      Frame frame;
      try {
        frame = grabber.grabFrame(false, true, true, false, false);
      } catch (FrameGrabber.Exception | RuntimeException e) {
        failed++;
        warn(Kind.FRAME_FAILED, currentIdx + 1, "decoder error, frame skipped: " + e.getMessage());
        if (++consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
          warn(Kind.FRAME_FAILED, currentIdx + 1, consecutiveFailures
              + " decoder errors in a row; the rest of the stream is given up");
          return finish();
        }
        continue;
      }
      if (frame == null) {
        return finish();
      }
      if (!(frame.opaque instanceof AVFrame picture) || frame.image == null) {
        continue; // not a video picture; cannot happen with audio and data switched off
      }
      decoded++;
      place(picture.best_effort_timestamp());
      if (picture.decode_error_flags() != 0 || (picture.flags() & AV_FRAME_FLAG_CORRUPT) != 0) {
        damaged++;
        warn(Kind.FRAME_DAMAGED, currentIdx, "decoder concealed errors in this frame (flags "
            + picture.decode_error_flags() + ")");
      }
      current = picture;
      return true;
    }
  }

  /** Index of the current picture ({@link DecodedFrame#frameIdx()}). */
  long currentFrameIndex() {
    return currentIdx;
  }

  /**
   * Converts the current picture to BGR.
   *
   * @return the frame, or {@code null} if it could not be converted (counted and warned, then skipped)
   * @throws IllegalStateException if there is no current picture
   */
  DecodedFrame convertCurrent() {
    return convert(requireCurrent(), currentIdx, currentTs);
  }

  /**
   * A {@link Thumbnail} of the current picture, for scene-cut analysis of every decoded frame: swscale's area
   * averaging over whole rows and {@link Thumbnail#ROWS_PER_ROW} evenly spaced source rows per thumbnail row (about
   * 0.7 ms for a 1080p picture on a 2-core EPYC, against 1.0-1.1 ms reading every row).
   *
   * @return the thumbnail, or {@code null} if it could not be made (not counted: the frame itself may still convert)
   * @throws IllegalStateException if there is no current picture
   */
  Thumbnail thumbnailCurrent() {
    AVFrame picture = requireCurrent();
    try {
      int[] size = Thumbnail.size(picture.width(), picture.height());
      return new Thumbnail(currentIdx, currentTs, size[0], size[1], thumbnails.convert(picture, size[0], size[1],
          PixelFormat.YUVJ420P, Thumbnail.rowStep(picture.height(), size[1])));
    } catch (RuntimeException e) {
      LOG.debug("no thumbnail of frame {} in {}: {}", currentIdx, location, e.toString());
      return null;
    }
  }

  /**
   * Keeps the current picture, unconverted, past the next {@link #advance()}; the caller closes it.
   *
   * @return the held picture, or {@code null} if FFmpeg could not reference it (counted and warned)
   * @throws IllegalStateException if there is no current picture
   */
  HeldPicture holdCurrent() {
    try {
      return HeldPicture.of(requireCurrent(), currentIdx, currentTs);
    } catch (IllegalStateException e) {
      failed++;
      warn(Kind.FRAME_FAILED, currentIdx, "frame could not be kept for conversion, skipped: " + e.getMessage());
      return null;
    }
  }

  /**
   * Converts a held picture to the requested pixel format; the caller still closes it.
   *
   * @return the frame, or {@code null} if it could not be converted (counted and warned, then skipped)
   */
  DecodedFrame convert(HeldPicture held) {
    return convert(held.picture(), held.frameIdx(), held.tsSeconds());
  }

  private DecodedFrame convert(AVFrame picture, long frameIdx, double tsSeconds) {
    try {
      int[] size = DecodeSettings.fitWithin(picture.width(), picture.height(), maxLongSide);
      byte[] pixels = converter.convert(picture, size[0], size[1], pixelFormat);
      DecodedFrame frame = DecodedFrame.wrap(frameIdx, tsSeconds, size[0], size[1], pixelFormat, pixels,
          picture.width(), picture.height());
      converted++;
      return frame;
    } catch (RuntimeException e) {
      failed++;
      warn(Kind.FRAME_FAILED, frameIdx, "frame could not be converted to " + pixelFormat + ", skipped: " + e.getMessage());
      return null;
    }
  }

  private AVFrame requireCurrent() {
    if (current == null) {
      throw new IllegalStateException("no current picture: call advance() first");
    }
    return current;
  }

  /** Sets the index and timestamp of a freshly decoded picture, and counts frames missing before it. */
  private void place(long pts) {
    long previousIdx = currentIdx;
    if (pts == AV_NOPTS_VALUE) {
      currentIdx = previousIdx + 1;
      currentTs = previousIdx < 0 ? info.startSeconds() : currentTs + info.frameDurationSeconds();
      return;
    }
    currentTs = timeline.seconds(pts);
    currentIdx = Math.max(previousIdx + 1, timeline.frameIndex(pts));
    long missing = currentIdx - previousIdx - 1;
    if (countLostFrames && missing > 0) {
      lost += missing;
      warn(Kind.FRAMES_LOST, currentIdx, missing + " frame(s) before this one could not be decoded"
          + (previousIdx < 0 ? " (the stream starts with them)"
              : " (timestamps jump from frame " + previousIdx + " to " + currentIdx + ")"));
    }
  }

  /** Marks the end of the stream: reports truncation, or throws if nothing at all was decoded. */
  private boolean finish() {
    ended = true;
    if (decoded == 0) {
      Reason reason = truncationReported ? Reason.TRUNCATED : Reason.DECODE_ERROR;
      throw new VideoDecodeException(reason, location, "the video stream ended without one decodable frame"
          + (truncationReported ? " (the file is truncated)" : ""));
    }
    double declaredEnd = timeline.declaredEndSeconds();
    double reachedEnd = currentTs + info.frameDurationSeconds();
    if (!truncationReported && declaredEnd > 0 && reachedEnd < declaredEnd - TRUNCATION_TOLERANCE_SECONDS) {
      warn(Kind.TRUNCATED, -1, String.format("video ended at %.3f s but the file declares %.3f s;"
          + " it may be truncated", reachedEnd, declaredEnd));
      truncationReported = true;
    }
    return false;
  }

  private void warn(Kind kind, long frameIdx, String message) {
    if (warnings.size() < MAX_WARNINGS) {
      warnings.add(new DecodeWarning(kind, frameIdx, message));
      LOG.warn("{} in {} at frame {}: {}", kind, location, frameIdx, message);
    } else if (warnings.size() == MAX_WARNINGS) {
      warnings.add(new DecodeWarning(Kind.WARNINGS_DROPPED, frameIdx, "more than " + MAX_WARNINGS
          + " warnings; further ones are only counted"));
      LOG.warn("more than {} decode warnings in {}; further ones are logged at debug", MAX_WARNINGS, location);
    } else {
      LOG.debug("{} in {} at frame {}: {}", kind, location, frameIdx, message);
    }
  }

  /** Releases the decoder and its native memory. Idempotent; never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    try {
      closeGrabber(grabber, location);
    } finally {
      converter.close();
      thumbnails.close();
    }
  }

  static void closeGrabber(FFmpegFrameGrabber grabber, String location) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      LOG.warn("closing the decoder for {} failed: {}", location, e.toString());
    }
  }
}
