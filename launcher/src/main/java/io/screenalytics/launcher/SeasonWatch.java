package io.screenalytics.launcher;

import io.screenalytics.identities.screentime.ScreenTimeTable;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * Follows the episodes one command pushed (a season of {@code run}, or {@code ingest --wait}) on the status topic
 * until each completes or fails: a progress bar per running episode ({@link ProgressView}) and, for several, one
 * over the season; a line per episode as it ends; then each episode's {@link Outcome}, which {@link #summary} makes
 * the season's table. Not thread-safe; one wait per instance.
 */
final class SeasonWatch {

  /** How an episode ended for the command. */
  enum Status { COMPLETED, COMPLETED_WITH_WARNINGS, FAILED, UNFINISHED }

  /**
   * One episode's row of the summary.
   *
   * @param episodeId   the episode
   * @param status      how it ended ({@code UNFINISHED}: no end within the wait)
   * @param reason      the failure's one-line reason (stage first), the warnings, or null
   * @param durationS   the video's duration, seconds, as the decoder read it; NaN when unknown
   * @param faces       faces found ({@code -1} when it did not complete)
   * @param tracks      tracks ({@code -1} when it did not complete)
   * @param identities  identities ({@code -1} when it did not complete)
   * @param wallS       wall time from the episode's first status event to its last, seconds; NaN without events
   * @param outputUri   where its results are, when it completed, else null
   */
  record Outcome(String episodeId, Status status, String reason, double durationS, long faces, long tracks,
      long identities, double wallS, String outputUri) {

    /** Whether it completed (with or without warnings). */
    boolean completed() {
      return status == Status.COMPLETED || status == Status.COMPLETED_WITH_WARNINGS;
    }
  }

  private final Console console;
  private final Map<String, EpisodeProgress> progress = new LinkedHashMap<>();
  private final Map<String, ProgressView> bars = new LinkedHashMap<>();
  private final Map<String, Double> durations = new LinkedHashMap<>();
  private final Map<String, Long> firstSeenMs = new LinkedHashMap<>();
  private ProgressBar season;
  private int ended;

  /**
   * @param console   where each episode's end is said, one line each
   * @param episodeIds the episodes awaited, in order
   */
  SeasonWatch(Console console, List<String> episodeIds) {
    this.console = console;
    episodeIds.forEach(id -> progress.put(id, new EpisodeProgress(id)));
  }

  /**
   * Waits for every episode's end, showing progress, while the pipeline shows signs of life
   * ({@link StatusWatcher#awaitAll}).
   *
   * @param watcher the status watcher, created before the episodes were pushed
   * @param stall   give up after this long without any status event
   * @param cap     give up after this long in all
   * @return each episode's outcome, in the order given
   */
  List<Outcome> await(StatusWatcher watcher, Duration stall, Duration cap) {
    if (progress.size() > 1) {
      season = ProgressView.bar("season", progress.size(), " episodes");
    }
    try {
      watcher.awaitAll(progress.keySet(), stall, cap, this::update);
    } finally {
      bars.values().forEach(ProgressView::close);
      bars.clear();
      if (season != null) {
        season.close();
      }
    }
    List<Outcome> out = new ArrayList<>();
    for (EpisodeProgress p : progress.values()) {
      out.add(outcome(p));
    }
    return out;
  }

  private void update(EpisodeStatus s) {
    EpisodeProgress p = progress.get(s.getEpisodeId());
    p.update(s);
    firstSeenMs.putIfAbsent(s.getEpisodeId(), s.getAtMs());
    Double duration = s.getCounters().get("duration_s");
    if (duration != null && "decoder".equals(s.getStage())) {
      durations.put(s.getEpisodeId(), duration);
    }
    if (p.end().isPresent()) {
      ProgressView bar = bars.remove(s.getEpisodeId());
      if (bar != null) {
        bar.close();
      }
      ended++;
      if (season != null) {
        season.stepTo(ended);
      }
      console.info("%s", p.line());
      return;
    }
    bars.computeIfAbsent(s.getEpisodeId(), ProgressView::new).update(s);
  }

  private Outcome outcome(EpisodeProgress p) {
    String id = p.episodeId();
    double duration = durations.getOrDefault(id, Double.NaN);
    if (p.end().isEmpty()) {
      return new Outcome(id, Status.UNFINISHED, p.known() ? "did not finish: " + p.line() : "no status event",
          duration, -1, -1, -1, Double.NaN, null);
    }
    EpisodeStatus end = p.end().get();
    double wall = (end.getAtMs() - firstSeenMs.get(id)) / 1000.0;
    if (end.getState() == EpisodeState.FAILED) {
      return new Outcome(id, Status.FAILED, UserErrors.oneLine(end.getStage() + ": " + end.getReason()), duration,
          -1, -1, -1, wall, null);
    }
    var c = end.getCounters();
    return new Outcome(id, end.getState() == EpisodeState.COMPLETED ? Status.COMPLETED
        : Status.COMPLETED_WITH_WARNINGS, end.getReason() == null ? null : UserErrors.oneLine(end.getReason()), duration, c.getOrDefault("faces", 0.0).longValue(),
        c.getOrDefault("tracks", 0.0).longValue(), c.getOrDefault("identities", 0.0).longValue(), wall,
        end.getOutputUri());
  }

  /** The outcome of an episode that was never pushed: its video failed the local check. */
  static Outcome refused(String episodeId, String reason) {
    return new Outcome(episodeId, Status.FAILED, "not pushed: " + reason, Double.NaN, -1, -1, -1, Double.NaN, null);
  }

  /**
   * The season's table: one row per episode with its status, the video's duration, faces, tracks, identities, the
   * wall time from its first status event to its last, and the failure's reason or the warnings last.
   *
   * <pre>
   * episode   status     duration  faces  tracks  identities   wall  reason
   * s01e01    COMPLETED     10.0 s     90      11           7  4.1 s
   * broken    FAILED             -      -       -           -  0.3 s  decoder: not_a_video: ...
   * </pre>
   */
  static String summary(List<Outcome> outcomes) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"episode", "status", "duration", "faces", "tracks", "identities", "wall", "reason"});
    for (Outcome o : outcomes) {
      cells.add(new String[] {o.episodeId(), o.status().name(), seconds(o.durationS()), count(o.faces()),
          count(o.tracks()), count(o.identities()), seconds(o.wallS()), o.reason() == null ? "" : o.reason()});
    }
    return ScreenTimeTable.aligned(cells, new boolean[] {false, false, true, true, true, true, true, false});
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String count(long n) {
    return n < 0 ? "-" : Long.toString(n);
  }
}
