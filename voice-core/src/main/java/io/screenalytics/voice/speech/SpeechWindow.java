package io.screenalytics.voice.speech;

/**
 * One window of speech to embed, in seconds, with the span of its region it speaks for.
 *
 * @param index  position in the episode's window list, from 0
 * @param start  window start (s)
 * @param end    window end (s), {@code start + 1.6} by default
 * @param region index of the speech region it was cut from
 * @param ownFrom start of the part of the region this window labels (s): half-way to the previous window's centre
 * @param ownTo   end of that part (s)
 */
public record SpeechWindow(int index, double start, double end, int region, double ownFrom, double ownTo) {

  /** First mel frame of the window (10 ms frames). */
  public int firstFrame() {
    return (int) Math.round(start * 100);
  }

  /** Centre in seconds. */
  public double centre() {
    return (start + end) / 2;
  }
}
