package io.screenalytics.launcher;

import java.io.PrintStream;
import java.util.Locale;

/** What the command line prints for its user (services log through SLF4J instead). */
final class Console {

  private final PrintStream out;
  private final PrintStream err;

  Console() {
    this(System.out, System.err);
  }

  Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void info(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }

  void error(String format, Object... args) {
    err.println("error: " + String.format(Locale.ROOT, format, args));
  }

  void print(String text) {
    out.print(text);
    out.flush();
  }
}
