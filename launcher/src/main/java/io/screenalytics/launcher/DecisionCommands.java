package io.screenalytics.launcher;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.screentime.ScreenTimeTable;
import io.screenalytics.output.EpisodeReview;
import io.screenalytics.output.manifest.EpisodeLayout;
import io.screenalytics.output.review.Decision;
import io.screenalytics.store.ArtifactStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The review decisions on the command line: {@code name}, {@code merge}, {@code split}, {@code reject} and
 * {@code undo}, each one {@link EpisodeReview} call on the stored episode (no decoding, no embedding), kept in the
 * episode's decision log and followed by a rescore; each prints the decision, the new screen-time table and where
 * the report is.
 */
final class DecisionCommands {

  private DecisionCommands() {}

  /** A decision: the episode and the store, and how the outcome is printed. */
  abstract static class DecisionCommand extends UserCommand {
    @Parameters(index = "0", paramLabel = "EPISODE", description = "Episode id (its folder episodes/<id>/ in the store).")
    String episodeId;

    @Mixin
    StoreOptions store;

    @Override
    protected final Integer execute() throws Exception {
      try (ArtifactStore artifacts = StoreOptions.open(store.settings())) {
        EpisodeReview.Outcome o = decide(new EpisodeReview(artifacts));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s%s%n", this instanceof Undo ? "undone: " : "", o.decision().describe());
        for (FacebankSeed s : o.seeds()) {
          out.printf(Locale.ROOT, "  %s %s: %s%n", this instanceof Undo ? "removed from facebank" : "facebank "
              + o.decision().facebank() + " +", s.provenance() == null ? "" : s.provenance().describe(),
              s.sourcePhoto());
        }
        if (o.voice() != null) {
          out.printf(Locale.ROOT, "  %s%n", o.voice());
        }
        for (Decision.Held h : o.decision().held()) {
          out.printf(Locale.ROOT, "  suggestion: %s; %s%n", h.describe(), apply(h, o.rescored().result()));
        }
        out.print(ScreenTimeTable.format(o.rescored().result().screenTime()));
        out.printf(Locale.ROOT, "report: %s%n",
            StoreOptions.describe(artifacts, new EpisodeLayout(episodeId).key(EpisodeLayout.REPORT)));
        out.flush();
        return 0;
      }
    }

    /** The command that confirms a suggestion the decision held (issue 29: decisions are local). */
    private String apply(Decision.Held h, AssemblyResult result) {
      Identity holding = result.identities().stream().filter(i -> i.trackIds().contains(h.trackIds().get(0)))
          .findFirst().orElse(null);
      if (holding == null) {
        return "its tracks are gone from the episode";
      }
      if (!holding.trackIds().equals(h.trackIds())) {
        return "to apply, split them off " + holding.id() + " first: screenalytics split " + episodeId + " "
            + holding.id() + " --track " + h.trackIds().get(0);
      }
      return "to apply: screenalytics " + (h.suggested() == null ? "reject " + episodeId + " " + holding.id()
          + " --not \"" + h.person() + "\"" : "name " + episodeId + " " + holding.id() + " --as \"" + h.suggested()
          + "\"");
    }

    /** Takes the decision. */
    abstract EpisodeReview.Outcome decide(EpisodeReview review) throws IOException;

    /** The command as the log records it. */
    String command() {
      return "screenalytics " + spec.qualifiedName(" ").replaceFirst("^screenalytics ", "");
    }
  }

  /** A decision on one identity that teaches a facebank. */
  abstract static class Teaching extends DecisionCommand {
    @Parameters(index = "1", paramLabel = "IDENTITY", description = "Identity id as the report shows it (unknown_01).")
    String identity;

    @Option(names = "--facebank", paramLabel = "NAME",
        description = "Facebank to teach (default: the one the episode was run with by name, else default).")
    String facebank;
  }

  @Command(name = "name", mixinStandardHelpOptions = true,
      description = "Name an identity of a stored episode: its best faces become seeds of the person in the facebank "
          + "(with their episode, identity, track and frame), then the episode is rescored.")
  static final class Name extends Teaching {
    @Option(names = "--as", required = true, paramLabel = "\"Full Name\"", description = "The person's name.")
    String person;

    @Override
    EpisodeReview.Outcome decide(EpisodeReview review) throws IOException {
      return review.name(episodeId, identity, person, Optional.ofNullable(facebank), command());
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = "Refuse a name for an identity: its faces become rejections of the person in the facebank, which "
          + "every episode matched against it respects; then the episode is rescored.")
  static final class Reject extends Teaching {
    @Option(names = "--not", required = true, paramLabel = "\"Full Name\"", description = "The name refused.")
    String person;

    @Override
    EpisodeReview.Outcome decide(EpisodeReview review) throws IOException {
      return review.reject(episodeId, identity, person, Optional.ofNullable(facebank), command());
    }
  }

  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Merge identity A into identity B (one person), then rescore the episode.")
  static final class Merge extends DecisionCommand {
    @Parameters(index = "1", paramLabel = "A", description = "Identity merged.")
    String from;

    @Parameters(index = "2", paramLabel = "B", description = "Identity merged into (its name wins).")
    String into;

    @Override
    EpisodeReview.Outcome decide(EpisodeReview review) throws IOException {
      return review.merge(episodeId, from, into, command());
    }
  }

  @Command(name = "split", mixinStandardHelpOptions = true,
      description = "Split a track off an identity into an identity of its own, then rescore the episode.")
  static final class Split extends DecisionCommand {
    @Parameters(index = "1", paramLabel = "IDENTITY", description = "Identity id as the report shows it.")
    String identity;

    @Option(names = "--track", required = true, paramLabel = "T", description = "track_id to split off.")
    int track;

    @Override
    EpisodeReview.Outcome decide(EpisodeReview review) throws IOException {
      return review.split(episodeId, identity, track, command());
    }
  }

  @Command(name = "undo", mixinStandardHelpOptions = true,
      description = "Revert the episode's last decision (and what it taught the facebank), then rescore it.")
  static final class Undo extends DecisionCommand {
    @Override
    EpisodeReview.Outcome decide(EpisodeReview review) throws IOException {
      return review.undo(episodeId);
    }
  }
}
