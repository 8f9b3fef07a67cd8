package io.screenalytics.video.decode;

/**
 * How a {@link FrameSampler} picks one frame in {@code stride}.
 */
public enum SamplingPolicy {

  /**
   * Decode every frame; convert to BGR and return exactly the frames with {@code frameIdx % stride == 0}.
   * Frames in between are decoded (later frames may need them) but never converted. Deterministic: the same
   * frames as {@code ffmpeg -vf select='not(mod(n,stride))'}.
   */
  EXACT_STRIDE,

  /**
   * Ask the decoder to skip non-reference frames (FFmpeg {@code skip_frame=noref}), which are never decoded,
   * then return, for each stride point {@code k * stride}, the decoded frame nearest to it.
   *
   * <p>Each decoded frame {@code i} belongs to its nearest stride point {@code round(i / stride) * stride};
   * among the frames belonging to one point the nearest is returned (the earlier on a tie), so a frame is
   * returned at most once and a point whose neighbourhood had no decoded frame is skipped (at the end of the
   * stream the last frame can stand for a point just past it). Because frames
   * are skipped, the index cannot be counted: {@code frameIdx = round((pts - firstPts) * fps)} from the
   * frame's own timestamp, which is its true index in a constant-frame-rate stream.
   *
   * <p>Faster when a stream has many non-reference frames (B-frames in most H.264 TV encodes: about 2x
   * measured on 1080p); the same as {@link #EXACT_STRIDE} when every frame is a reference (I/P only).
   */
  FAST_STRIDE,

  /**
   * As {@link #FAST_STRIDE}, but the decoder skips every B-frame ({@code skip_frame=bidir}), reference B-frames
   * too: cheaper again (3.02x decoding every frame against {@link #FAST_STRIDE}'s 1.96x, {@code bench/run decode})
   * at the price of larger gaps between decoded frames (up to 9 frames measured with 3 B-frames) and, in streams
   * where P-frames reference B-frames (rare), damaged pictures. Offered for measurement ({@code bench/run
   * episode}); not the default.
   */
  BIDIR_STRIDE;

  /**
   * The policy used when none is configured: {@link #FAST_STRIDE}. Measured with {@code bench/run decode} on
   * 60 s of 1080p H.264 (69 % B-frames), one decoder thread: it decodes 1800 source frames per CPU second
   * about 2x faster than decoding them all and 1.6x faster than {@link #EXACT_STRIDE}, while every stride
   * point still gets a frame at most one frame away (see the decoder-service README for the figures). What it
   * gives up: frames off the stride grid by up to {@code stride / 2} frames when B-frames are dense (1 frame
   * at the usual 2-3 B-frames), one extra frame at the very end of a stream, and the count of frames lost to
   * a damaged stream (damaged frames are still reported).
   */
  public static final SamplingPolicy DEFAULT = FAST_STRIDE;

  /** Whether the decoder is told to skip frames (non-reference ones, or every B-frame). */
  boolean skipsNonReferenceFrames() {
    return this != EXACT_STRIDE;
  }

  /** FFmpeg's {@code skip_frame} value for this policy, or null to decode every frame. */
  String skipFrame() {
    return switch (this) {
      case EXACT_STRIDE -> null;
      case FAST_STRIDE -> "noref";
      case BIDIR_STRIDE -> "bidir";
    };
  }
}
