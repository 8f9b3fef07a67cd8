package io.screenalytics.video.decode;

import java.util.Objects;

/**
 * A video could not be opened or decoded at all. Carries a {@link Reason} so a caller can tell bad input
 * (dead-letter it) from everything else without parsing messages.
 *
 * <p>Unchecked, because it is also raised from {@link FrameSampler#hasNext()} (an {@link java.util.Iterator}
 * method) when a stream ends without a single decodable frame. Problems that still leave decodable frames
 * (a truncated tail, a damaged frame mid-stream) are not exceptions: they are reported through
 * {@link VideoSource#warnings()}.
 */
public final class VideoDecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a video could not be decoded. Every reason describes the input, so none is worth retrying as is. */
  public enum Reason {
    /** The location is neither a local path nor a {@code file:} URI (for example {@code http://...}). */
    INVALID_LOCATION,
    /** No file exists at the location. */
    NOT_FOUND,
    /** The file exists but has zero bytes. */
    EMPTY_FILE,
    /** The location is not a readable regular file (a directory, a pipe, a device, no read permission). */
    UNREADABLE,
    /**
     * FFmpeg recognises no audio/video container in the file (text, random bytes), or it holds a single
     * still image (JPEG, PNG, ... read through FFmpeg's image demuxers): a still is not a video here.
     */
    NOT_A_VIDEO,
    /** The container is valid but holds no video stream (audio only, or only cover art). */
    NO_VIDEO_STREAM,
    /**
     * The file is cut short so badly that nothing can be decoded: typically an MP4 whose index ({@code moov}
     * box) was at the end and is missing. A file truncated after its index still decodes, with a warning.
     */
    TRUNCATED,
    /** The video stream cannot be decoded: unsupported codec, or not one frame could be decoded. */
    DECODE_ERROR,
    /** The frames are larger than the decoder accepts (setting {@code decoder.max.source.pixels}). */
    FRAME_TOO_LARGE
  }

  /** Why decoding failed. */
  private final Reason reason;
  /** The path or URI as the caller gave it. */
  private final String location;

  /**
   * @param reason why decoding failed
   * @param location the path or URI that was asked for, as given
   * @param message what went wrong, for people
   * @param cause the library exception, or {@code null}
   */
  public VideoDecodeException(Reason reason, String location, String message, Throwable cause) {
    super(reason + ": " + message + " [" + location + "]", cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.location = location;
  }

  /** Same as the four-argument constructor without a cause. */
  public VideoDecodeException(Reason reason, String location, String message) {
    this(reason, location, message, null);
  }

  /** Why decoding failed. */
  public Reason reason() {
    return reason;
  }

  /** The path or URI that was asked for, as given by the caller. */
  public String location() {
    return location;
  }
}
