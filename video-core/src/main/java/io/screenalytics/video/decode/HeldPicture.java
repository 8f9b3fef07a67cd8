package io.screenalytics.video.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A decoded picture kept past the next decode without converting it: a new reference to the decoder's
 * buffers ({@code av_frame_clone}, no pixel copy), so converting can wait until the picture is known to be
 * wanted. Holds one decoder surface until {@link #close()}. Not thread-safe.
 */
final class HeldPicture implements AutoCloseable {

  private final long frameIdx;
  private final double tsSeconds;
  private AVFrame picture;

  private HeldPicture(long frameIdx, double tsSeconds, AVFrame picture) {
    this.frameIdx = frameIdx;
    this.tsSeconds = tsSeconds;
    this.picture = picture;
  }

  /**
   * @throws IllegalStateException if FFmpeg cannot allocate the reference
   */
  static HeldPicture of(AVFrame decoded, long frameIdx, double tsSeconds) {
    AVFrame reference = av_frame_clone(decoded);
    if (reference == null || reference.isNull()) {
      throw new IllegalStateException("cannot reference decoded frame " + frameIdx);
    }
    return new HeldPicture(frameIdx, tsSeconds, reference);
  }

  long frameIdx() {
    return frameIdx;
  }

  double tsSeconds() {
    return tsSeconds;
  }

  /** The referenced picture; valid until {@link #close()}. */
  AVFrame picture() {
    if (picture == null) {
      throw new IllegalStateException("picture " + frameIdx + " was released");
    }
    return picture;
  }

  /** Releases the reference. Idempotent. */
  @Override
  public void close() {
    if (picture != null) {
      av_frame_free(picture);
      picture = null;
    }
  }
}
