package io.screenalytics.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code screenalytics} command line.
 *
 * <ul>
 *   <li>{@code run}: the whole pipeline in one process on an embedded Kafka broker and schema registry;
 *   <li>{@code ingest}: push episodes onto an existing cluster's ingest topic ({@code --wait}: until they end);
 *   <li>{@code status}: where an episode stands on a running cluster;
 *   <li>{@code export}: figures across the store's episodes ({@code export screen-time}, CSV or JSON);
 *   <li>{@code service}: run one service against an external broker;
 *   <li>{@code topics}: create the catalogue's topics and register its schemas on a cluster;
 *   <li>{@code facebank}: add, list and remove cast photos of the store's facebanks;
 *   <li>{@code rescore}: recompute a stored episode's identities with new settings or another facebank;
 *   <li>{@code name}, {@code merge}, {@code split}, {@code reject}, {@code undo}: a reviewer's decisions on a stored
 *       episode, kept in its decision log ({@link DecisionCommands});
 *   <li>{@code review}: the review web application over the store's episodes;
 *   <li>{@code eval}: verification and identification figures on the labelled photos of {@code shared/faces}.
 * </ul>
 */
@Command(name = "screenalytics", mixinStandardHelpOptions = true, version = "screenalytics 0.1.0",
    description = "Who is on screen in a TV episode, when, and for how long.",
    subcommands = {RunCommand.class, IngestCommand.class, StatusCommand.class, ServiceCommand.class, TopicsCommand.class,
        FacebankCommand.class, VoicebankCommand.class, RescoreCommand.class, DecisionCommands.Name.class,
        DecisionCommands.Merge.class, DecisionCommands.Split.class, DecisionCommands.Reject.class,
        DecisionCommands.Undo.class, ReviewCommand.class, ExportCommand.class, EvalCommand.class})
public final class Screenalytics {

  private Screenalytics() {}

  /** Entry point; exits with the command's status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line, for tests: user errors of every subcommand end with one {@code error:} line and
   * status {@value UserErrors#EXIT} ({@link UserErrors}).
   */
  public static CommandLine commandLine() {
    UserErrors userErrors = new UserErrors();
    return new CommandLine(new Screenalytics()).setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(userErrors).setExecutionExceptionHandler(userErrors);
  }
}
