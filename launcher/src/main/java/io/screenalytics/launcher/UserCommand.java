package io.screenalytics.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand: its failures the user can fix (a missing file, a bad setting) end with one {@code error:} line and
 * exit status {@value UserErrors#EXIT} rather than a stack trace ({@link UserErrors}, installed by
 * {@link Screenalytics#commandLine()}); it prints through its {@link #console()}.
 */
abstract class UserCommand implements Callable<Integer> {

  /** The command's picocli model: its output and error writers. */
  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    return execute();
  }

  /**
   * Does the command's work.
   *
   * @return the exit status
   * @throws Exception user errors are reported as described in {@link UserErrors}; others propagate
   */
  protected abstract Integer execute() throws Exception;

  /** The command's output and error writers, as a {@link Console}. */
  Console console() {
    return new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
