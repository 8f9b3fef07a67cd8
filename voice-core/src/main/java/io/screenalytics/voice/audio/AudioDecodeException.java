package io.screenalytics.voice.audio;

/**
 * Audio could not be decoded. {@link #reason()} says why in a form a status event or a manifest can carry;
 * the message names the input.
 */
public final class AudioDecodeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why decoding stopped. */
  public enum Reason {
    /** The input opened but holds no audio stream: a voice result is empty, not failed. */
    NO_AUDIO("no audio stream"),
    /** The input could not be opened or probed at all (missing file, unknown container). */
    UNREADABLE("unreadable input"),
    /** The audio stream started but its packets could not be decoded. */
    CORRUPT("corrupt audio stream");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** Short text for status events, e.g. {@code no audio stream}. */
    public String text() {
      return text;
    }
  }

  private final Reason reason;

  /** @param reason why; @param message one line naming the input; @param cause the library's error, may be null */
  public AudioDecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why decoding stopped. */
  public Reason reason() {
    return reason;
  }
}
