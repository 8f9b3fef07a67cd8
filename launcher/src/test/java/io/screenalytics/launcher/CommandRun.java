package io.screenalytics.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code screenalytics} command line in this JVM, capturing what it prints. */
record CommandRun(int exit, String out, String err) {

  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Screenalytics.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute(args);
    return new CommandRun(exit, out.toString(), err.toString());
  }
}
