package io.screenalytics.launcher;

import io.screenalytics.vision.model.ModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.FileSystemException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can fix into one {@code error: ...} line on the command's error writer and exit status
 * {@value #EXIT}: command-line mistakes (an unknown option, a missing or invalid value, a missing subcommand) and,
 * while a command runs, a missing or unreadable file or episode, an invalid setting, name or id, a missing model,
 * an unreachable store or cluster ({@link IOException}, {@link IllegalArgumentException},
 * {@link IllegalStateException}, {@link ConfigException}, {@link ModelException}, {@link KafkaException}, also when
 * wrapped in an {@link ExecutionException}, {@link CompletionException} or {@link UncheckedIOException}). A message
 * of several lines is joined with {@code "; "}. Anything else (a bug) propagates with its stack trace.
 */
final class UserErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

  /** Exit status of a command that failed for a reason the user can fix (picocli's for invalid input). */
  static final int EXIT = 2;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    return fail(command, oneLine(e.getMessage()) + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) throws Exception {
    Optional<String> message = message(e);
    if (message.isEmpty()) {
      throw e;
    }
    return fail(command, message.get());
  }

  /** The one-line message of a user error, or empty when {@code e} is not one. */
  static Optional<String> message(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException || t instanceof UncheckedIOException
        || t instanceof InvocationTargetException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof FileSystemException f) {
      return Optional.of("not found or not readable: " + f.getFile()
          + (f.getReason() == null ? "" : " (" + f.getReason() + ")"));
    }
    if (t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t instanceof ConfigException || t instanceof ModelException || t instanceof KafkaException) {
      return Optional.of(t.getMessage() == null ? t.getClass().getSimpleName() : oneLine(t.getMessage()));
    }
    return Optional.empty();
  }

  /** {@code message} on one line, without the names of exception classes picocli quotes from converters. */
  static String oneLine(String message) {
    return message.strip()
        .replaceAll("\\(([\\w$]+\\.)*\\w*(Exception|Error): ", "(")
        .replaceAll(":\\s*\\R\\s*", ": ")
        .replaceAll("\\s*\\R\\s*", "; ");
  }

  private static int fail(CommandLine command, String message) {
    command.getErr().println("error: " + message);
    command.getErr().flush();
    return EXIT;
  }
}
