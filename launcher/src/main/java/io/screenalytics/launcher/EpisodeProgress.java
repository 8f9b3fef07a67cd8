package io.screenalytics.launcher;

import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where one episode stands, folded from its status events in order: its latest event, the sampled frames tracked so
 * far out of those the decoder announced, the faces found, and how it ended. An episode pushed again after it ended
 * (the decoder starts it anew) starts over. Not thread-safe.
 */
final class EpisodeProgress {

  private final String episodeId;
  private EpisodeStatus latest;
  private EpisodeStatus end;
  private long framesExpected = -1;
  private long framesTracked;
  private double faces = -1;
  private Long startedAtMs;

  EpisodeProgress(String episodeId) {
    this.episodeId = episodeId;
  }

  /** Folds in the episode's next event. */
  void update(EpisodeStatus s) {
    if (end != null && "decoder".equals(s.getStage()) && s.getState() == EpisodeState.STARTED) {
      end = null; // pushed again
      framesExpected = -1;
      framesTracked = 0;
      faces = -1;
      startedAtMs = null;
    }
    if (startedAtMs == null) {
      startedAtMs = s.getAtMs();
    }
    latest = s;
    var c = s.getCounters();
    Double expected = c.get("frames_expected");
    if (expected != null && "decoder".equals(s.getStage())) {
      framesExpected = expected.longValue();
    }
    Double frames = c.get("frames");
    if (frames != null && "detect-track".equals(s.getStage())) {
      framesTracked = Math.max(framesTracked, frames.longValue());
    }
    Double f = c.get("faces");
    if (f != null && !"assembly".equals(s.getStage())) {
      faces = Math.max(faces, f);
    }
    if (StatusWatcher.isTerminal(s)) {
      end = s;
    }
  }

  /** The episode's id. */
  String episodeId() {
    return episodeId;
  }

  /** Whether any event of the episode was seen. */
  boolean known() {
    return latest != null;
  }

  /** The event that ended the episode: assembly's completion or any stage's failure. */
  Optional<EpisodeStatus> end() {
    return Optional.ofNullable(end);
  }

  /** Sampled frames tracked so far. */
  long framesTracked() {
    return framesTracked;
  }

  /** Sampled frames the decoder announced, or -1 before it did. */
  long framesExpected() {
    return framesExpected;
  }

  /** The counts an assembly event carries: sampled frames, faces, tracks, identities. */
  private static String counts(EpisodeStatus s) {
    var c = s.getCounters();
    return String.format(Locale.ROOT, "%.0f sampled frames, %.0f faces, %.0f tracks, %.0f identities",
        c.getOrDefault("frames", 0.0), c.getOrDefault("faces", 0.0), c.getOrDefault("tracks", 0.0),
        c.getOrDefault("identities", 0.0));
  }

  /**
   * The episode's state in one line: {@code <id> COMPLETED at <time>: <counts>; results <uri>}, {@code <id> FAILED
   * in <stage> at <time>: <reason>}, or while it runs {@code <id> RUNNING: <stage> <state>, <n>/<total> sampled
   * frames tracked (<p> %), <f> faces; last event <time>}.
   *
   * @throws IllegalStateException when no event of the episode was seen
   */
  String line() {
    if (latest == null) {
      throw new IllegalStateException("no event of episode " + episodeId);
    }
    if (end != null) {
      String at = Instant.ofEpochMilli(end.getAtMs()).toString();
      if (end.getState() == EpisodeState.FAILED) {
        return String.format(Locale.ROOT, "%s FAILED in %s at %s: %s", episodeId, end.getStage(), at, end.getReason());
      }
      return String.format(Locale.ROOT, "%s %s at %s: %s%s; results %s", episodeId, end.getState(), at, counts(end),
          end.getReason() == null ? "" : "; warnings: " + end.getReason(), end.getOutputUri());
    }
    StringBuilder b = new StringBuilder(episodeId).append(" RUNNING: ").append(latest.getStage()).append(' ')
        .append(latest.getState().name().toLowerCase(Locale.ROOT));
    if (framesExpected > 0) {
      b.append(String.format(Locale.ROOT, ", %d/%d sampled frames tracked (%.0f %%)", framesTracked, framesExpected,
          100.0 * Math.min(framesTracked, framesExpected) / framesExpected));
    } else {
      b.append(String.format(Locale.ROOT, ", %d sampled frames tracked", framesTracked));
    }
    if (faces >= 0) {
      b.append(String.format(Locale.ROOT, ", %.0f faces", faces));
    }
    return b.append("; last event ").append(Instant.ofEpochMilli(latest.getAtMs())).toString();
  }
}
