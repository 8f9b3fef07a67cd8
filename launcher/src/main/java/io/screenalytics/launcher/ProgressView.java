package io.screenalytics.launcher;

import io.screenalytics.schemas.EpisodeStatus;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * An episode's progress over its status events: sampled frames through detect-track, out of the total the decoder
 * announces, with the latest counts of each stage as its extra message.
 *
 * <p>On a terminal it is a console progress bar redrawn in place. Anywhere else (a log file, a pipe, a CI job) a bar
 * redrawn with carriage returns becomes thousands of run-together copies of itself, so there it prints one plain line
 * on standard error each time a stage changes state (started, completed, failed) instead, and no bar.
 */
final class ProgressView implements AutoCloseable {

  private static final boolean INTERACTIVE = System.console() != null;

  private final String episodeId;
  private final ProgressBar bar;
  private final PrintStream lines;
  private final Map<String, String> stageStates = new HashMap<>();

  ProgressView(String episodeId) {
    this(episodeId, INTERACTIVE, System.err);
  }

  /**
   * @param episodeId   the episode
   * @param interactive draw a bar (a terminal) or print a line per stage state change
   * @param lines       where the lines go when not interactive
   */
  ProgressView(String episodeId, boolean interactive, PrintStream lines) {
    this.episodeId = episodeId;
    this.bar = bar(episodeId, -1, " frames", interactive);
    this.lines = interactive ? null : lines;
  }

  /**
   * A progress bar as this command draws them: ASCII, redrawn every 250 ms, silent when not on a terminal.
   *
   * @param task the bar's label
   * @param max  its total, or -1 while unknown
   * @param unit the unit after the counts (with its leading space)
   */
  static ProgressBar bar(String task, long max, String unit) {
    return bar(task, max, unit, INTERACTIVE);
  }

  private static ProgressBar bar(String task, long max, String unit, boolean interactive) {
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1).setUpdateIntervalMillis(250).continuousUpdate();
    if (!interactive) {
      builder.setConsumer(new DelegatingProgressBarConsumer(line -> { }));
    }
    return builder.build();
  }

  /** Updates from one event of the episode. */
  void update(EpisodeStatus s) {
    var c = s.getCounters();
    Double expected = c.get("frames_expected");
    if (expected != null && "decoder".equals(s.getStage())) {
      bar.maxHint(expected.longValue());
    }
    Double frames = c.get("frames");
    if (frames != null && "detect-track".equals(s.getStage())) {
      bar.stepTo(frames.longValue());
    }
    String state = s.getState().name().toLowerCase(Locale.ROOT);
    StringBuilder msg = new StringBuilder(s.getStage()).append(' ').append(state);
    Double faces = c.get("faces");
    if (faces != null) {
      msg.append(String.format(Locale.ROOT, " faces=%.0f", faces));
    }
    Double spans = c.get("spans");
    if (spans != null) { // the asd stage: contested spans scored of those planned
      msg.append(String.format(Locale.ROOT, " spans=%.0f/%.0f", c.getOrDefault("spans_done", spans), spans));
    }
    bar.setExtraMessage(msg.toString());
    if (lines != null && !"progress".equals(state) && !state.equals(stageStates.put(s.getStage(), state))) {
      lines.println(episodeId + " " + msg);
    }
  }

  @Override
  public void close() {
    bar.close();
  }
}
