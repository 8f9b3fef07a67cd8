package io.screenalytics.voice.rttm;

/**
 * One speech turn of an RTTM file.
 *
 * @param file    the RTTM file id (the episode id)
 * @param start   seconds
 * @param end     seconds, {@code > start}
 * @param speaker label
 */
public record SpeakerTurn(String file, double start, double end, String speaker) {

  /** Validates. */
  public SpeakerTurn {
    if (!(start >= 0) || !(end > start)) {
      throw new IllegalArgumentException("turn needs 0 <= start < end, was [" + start + ", " + end + ")");
    }
    if (file == null || file.isBlank() || speaker == null || speaker.isBlank()) {
      throw new IllegalArgumentException("turn needs a file id and a speaker");
    }
  }

  /** Duration in seconds. */
  public double seconds() {
    return end - start;
  }
}
