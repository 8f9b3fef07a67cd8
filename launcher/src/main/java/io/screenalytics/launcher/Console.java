package io.screenalytics.launcher;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * What the command line prints for its user (services log through SLF4J instead): to the command's output and
 * error writers, so that tests running a command in-process see it. Not thread-safe beyond what
 * {@link PrintWriter} gives.
 */
final class Console {

  private final PrintWriter out;
  private final PrintWriter err;

  Console(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  void info(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }

  /** One {@code warning: ...} line on the error writer. */
  void warn(String format, Object... args) {
    err.println("warning: " + String.format(Locale.ROOT, format, args));
    err.flush();
  }

  /** One {@code error: ...} line on the error writer. */
  void error(String format, Object... args) {
    err.println("error: " + String.format(Locale.ROOT, format, args));
    err.flush();
  }

  void print(String text) {
    out.print(text);
    out.flush();
  }
}
