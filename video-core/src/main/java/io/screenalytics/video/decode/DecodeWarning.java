package io.screenalytics.video.decode;

import java.util.Objects;

/**
 * Something went wrong while decoding, but decoding carried on.
 *
 * @param kind what went wrong
 * @param frameIdx the frame index it concerns ({@link DecodedFrame#frameIdx()}), or -1 for the whole file
 * @param message what went wrong, for people
 */
public record DecodeWarning(Kind kind, long frameIdx, String message) {

  /** What went wrong. */
  public enum Kind {
    /** The file is shorter than its container declares: frames after the cut are missing. */
    TRUNCATED,
    /**
     * Frames the decoder could not decode at all: the stream's timestamps jump over them. Counted only when
     * every frame is decoded ({@link SamplingPolicy#EXACT_STRIDE}); a variable-frame-rate stream can show
     * gaps that are not losses.
     */
    FRAMES_LOST,
    /** The decoder concealed errors in a frame (FFmpeg's decode error flags); the frame was still used. */
    FRAME_DAMAGED,
    /** A decoded frame could not be read or converted to BGR; it was skipped. */
    FRAME_FAILED,
    /** More warnings than are kept were raised; the counts in {@link DecodeStats} stay exact. */
    WARNINGS_DROPPED
  }

  /**
   * @throws NullPointerException if kind or message is null
   */
  public DecodeWarning {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
