package io.screenalytics.voice.bank;

/** An enrolment was refused (too little speech); the message is one line and nothing was written. */
public final class EnrolmentException extends Exception {

  private static final long serialVersionUID = 1L;

  /** @param message one line, naming the clip and the seconds of speech found and needed */
  public EnrolmentException(String message) {
    super(message);
  }
}
