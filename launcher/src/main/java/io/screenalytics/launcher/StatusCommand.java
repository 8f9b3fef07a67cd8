package io.screenalytics.launcher;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.store.EpisodeIds;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code screenalytics status EPISODE}: where an episode stands on a running cluster, from its events on the status
 * topic ({@link StatusWatcher#history}), in one line ({@link EpisodeProgress#line()}): completed with its counts and
 * results, failed with the stage and reason, or running with its progress. Exit status 0 when it completed,
 * {@value #EXIT_FAILED} when it failed, {@value RunCommand#EXIT_UNFINISHED} while it runs; an episode with no event
 * on the topic is one {@code error:} line and status {@value UserErrors#EXIT}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print where an episode stands on a running cluster (its latest state and progress, or why it "
        + "failed), from the status topic. Exit 0 completed, 1 failed, 3 running, 2 unknown episode.")
final class StatusCommand extends UserCommand {

  /** Exit status of an episode that failed. */
  static final int EXIT_FAILED = 1;

  @Parameters(index = "0", paramLabel = "EPISODE", description = "Episode id.")
  String episodeId;

  @Mixin
  ClusterOptions cluster;

  @Override
  protected Integer execute() {
    String id = EpisodeIds.validate(episodeId);
    KafkaSettings kafka = KafkaSettings.from(cluster.settings());
    List<EpisodeStatus> history;
    try (StatusWatcher watcher = new StatusWatcher(kafka)) {
      history = watcher.history(id);
    }
    if (history.isEmpty()) {
      throw new IllegalArgumentException("no episode " + id + " on the status topic of " + kafka.bootstrapServers());
    }
    EpisodeProgress progress = new EpisodeProgress(id);
    history.forEach(progress::update);
    console().info("%s", progress.line());
    return progress.end().map(s -> s.getState() == EpisodeState.FAILED ? EXIT_FAILED : 0)
        .orElse(RunCommand.EXIT_UNFINISHED);
  }
}
