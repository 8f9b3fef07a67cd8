package io.screenalytics.identities;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.identities.facebank.FacebankMatcher;
import io.screenalytics.identities.identity.TrackEmbedding;
import io.screenalytics.identities.naming.NamingDecision;
import java.util.List;
import java.util.Map;

/**
 * Edits applied to an episode's identity groups after clustering and cast naming, before screen time, ordering,
 * ids and thumbnails: how a reviewer's decisions (merge, split, name, reject; {@code episode-output}'s {@code output.review}) reach
 * every assembly of the episode, by the service, a rerun or a rescore. {@link #NONE} changes nothing.
 */
@FunctionalInterface
public interface IdentityEdits {

  /** No edits. */
  IdentityEdits NONE = (groups, context) -> groups;

  /**
   * A named or unknown group of tracks, before it gets an id.
   *
   * <p>The centroid array is not copied: treat it as immutable.
   *
   * @param name      cast member name, or null for an unknown
   * @param bestMatch the closest cast member (evidence of the name), or null
   * @param trackIds  ascending track ids, at least one
   * @param centroid  {@code float[D]} unit vector over the tracks
   * @param naming    how cast naming named (or did not name) the tracks ({@link NamingDecision}); empty for a group a
   *                  reviewer named or took out of a name
   */
  record Group(String name, CastMatch bestMatch, List<Integer> trackIds, float[] centroid,
      List<NamingDecision> naming) {
    public Group {
      trackIds = List.copyOf(trackIds);
      naming = naming == null ? List.of() : List.copyOf(naming);
    }
  }

  /**
   * What an edit may consult.
   *
   * @param episodeId  the episode
   * @param index      faces and tracks (after the appearance gate)
   * @param embeddings track id to its pooled embedding, for every embedded track
   * @param matcher    the facebank matcher the groups were named with
   */
  record Context(String episodeId, EpisodeIndex index, Map<Integer, TrackEmbedding> embeddings,
      FacebankMatcher matcher) {}

  /**
   * Edits the groups.
   *
   * @param groups  named and unknown groups, every embedded track in exactly one
   * @param context the episode
   * @return the edited groups, every track still in at most one; tracks of no group become unassigned
   */
  List<Group> apply(List<Group> groups, Context context);
}
