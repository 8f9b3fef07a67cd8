package io.screenalytics.voice.speech;

/**
 * A stretch of speech, in seconds from the start of the audio.
 *
 * @param start inclusive, {@code >= 0}
 * @param end   exclusive, {@code > start}
 */
public record SpeechRegion(double start, double end) {

  /** Validates the bounds. */
  public SpeechRegion {
    if (!(start >= 0) || !(end > start)) {
      throw new IllegalArgumentException("speech region needs 0 <= start < end, was [" + start + ", " + end + ")");
    }
  }

  /** Duration in seconds. */
  public double seconds() {
    return end - start;
  }
}
