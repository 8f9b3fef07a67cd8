package io.screenalytics.launcher;

import io.screenalytics.vision.model.ModelException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Turns the failures a user can fix (a missing file or episode, an invalid setting, name or id, a missing model,
 * an unreachable store) into one {@code error: ...} line on the command's error stream and exit status 1;
 * anything else (a bug) propagates with its stack trace.
 */
final class UserErrors {

  /** Exit status of a command that failed for a reason the user can fix. */
  static final int EXIT = 1;

  private UserErrors() {}

  /** Runs {@code body}, reporting user errors as described above. */
  static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (FileSystemException e) {
      return fail(spec, "not found or not readable: " + e.getFile()
          + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
    } catch (IOException | IllegalArgumentException | IllegalStateException | ConfigException | ModelException e) {
      return fail(spec, e.getMessage());
    }
  }

  private static int fail(CommandSpec spec, String message) {
    spec.commandLine().getErr().println("error: " + message);
    spec.commandLine().getErr().flush();
    return EXIT;
  }
}
