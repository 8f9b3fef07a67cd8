package io.screenalytics.identities.voice;

import io.screenalytics.identities.episode.TrackSplit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Objects;

/**
 * What the active speaker stage delivered for one episode: Light-ASD logits of the face tracks over the spans it
 * scored (speech with two or more faces on screen, or a voice whose face is in doubt). Outside those spans voices
 * are linked to faces as before (the face on screen); inside them, by the face that speaks.
 *
 * @param state  how the active speaker result ended
 * @param reason why it is empty or failed, or null when {@link AsdState#OK}
 * @param model  the scoring model's name ({@code light_asd_ava}), or null without scores
 * @param tracks the logits, per track and span, in time order (empty unless {@link AsdState#OK})
 */
public record EpisodeAsd(AsdState state, String reason, String model, List<TrackLogits> tracks) {

  /** How an episode's active speaker result ended. */
  public enum AsdState {
    /** Scored (possibly nothing: no span needed it). */
    OK,
    /** No active speaker stage ran for the episode (switched off, or a folder written before it existed). */
    NONE,
    /** The stage failed on the episode (undecodable span, model error): voices are linked as without it. */
    FAILED,
    /** No result arrived within the wait bound. */
    MISSING
  }

  /** No active speaker result: voices linked by presence alone. */
  public static final EpisodeAsd NONE = new EpisodeAsd(AsdState.NONE, null, null, List.of());

  /** Copies the list. */
  public EpisodeAsd {
    Objects.requireNonNull(state, "state");
    tracks = List.copyOf(tracks);
  }

  /** An empty result of the given state and reason. */
  public static EpisodeAsd empty(AsdState state, String reason) {
    return new EpisodeAsd(state, reason, null, List.of());
  }

  /**
   * This result with the logits of every track the appearance gate split cut at its parts' boundaries, each piece
   * under its part's track id ({@link TrackLogits#cut}); the same result when nothing was split. Cutting twice
   * changes nothing more (the first part keeps the track's id, and its piece lies before the next part).
   *
   * @param splits the tracks split at assembly ({@code AssemblyResult.trackSplits()})
   */
  public EpisodeAsd byParts(List<TrackSplit> splits) {
    if (splits.isEmpty() || tracks.isEmpty()) return this;
    Map<Integer, TrackSplit> byTrack = splits.stream()
        .collect(Collectors.toMap(TrackSplit::trackId, Function.identity(), (a, b) -> b));
    return new EpisodeAsd(state, reason, model, tracks.stream()
        .flatMap(t -> byTrack.containsKey(t.trackId()) ? t.cut(byTrack.get(t.trackId())).stream() : Stream.of(t))
        .toList());
  }
}
