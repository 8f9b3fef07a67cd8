package io.screenalytics.voice.audio;

/**
 * Receives decoded audio as it streams: 16 kHz mono float samples in [-1, 1], in order, in chunks of any length.
 * The array is reused by the decoder after the call returns: copy what you keep.
 */
@FunctionalInterface
public interface AudioSink {

  /** Consumes {@code samples[offset, offset + length)}. */
  void accept(float[] samples, int offset, int length);
}
