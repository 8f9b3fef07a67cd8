package io.screenalytics.identities;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankMatcher;
import io.screenalytics.identities.identity.TrackCluster;
import io.screenalytics.identities.identity.TrackClusterer;
import io.screenalytics.identities.identity.TrackEmbedding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns track clusters into named or unknown identity groups and gives them ids.
 *
 * <p>Naming: each cluster's best cast candidate names it when accepted by the matcher. A person may
 * legitimately split into several clusters (a new haircut, a very different shot), so clusters
 * named after the same person merge into one identity, taken in descending similarity, except that a
 * cluster co-occurring in a frame with tracks already in that identity cannot be the same person: it
 * stays a separate unknown (keeping its best candidate for inspection).
 */
final class IdentityNaming {

  /** A named or unknown group of tracks before it gets an id. */
  record Group(String name, CastMatch bestMatch, List<Integer> trackIds, float[] centroid) {

    int firstTrackId() {
      return trackIds.get(0);
    }
  }

  private IdentityNaming() {}

  /**
   * Names and merges {@code clusters}.
   *
   * @return groups: named ones by name, then unknown ones by smallest track id
   */
  static List<Group> group(List<TrackCluster> clusters, FacebankMatcher matcher, EpisodeIndex index,
      Map<Integer, TrackEmbedding> embeddings) {
    Map<String, List<Candidate>> byName = new TreeMap<>();
    List<Group> unknown = new ArrayList<>();
    for (TrackCluster c : clusters) {
      CastMatch best = matcher.bestCandidate(c.centroid()).orElse(null);
      if (best != null && matcher.accepts(best)) {
        byName.computeIfAbsent(best.name(), k -> new ArrayList<>()).add(new Candidate(c, best));
      } else {
        unknown.add(new Group(null, best, c.trackIds(), c.centroid()));
      }
    }
    List<Group> named = new ArrayList<>();
    byName.forEach((name, candidates) -> {
      candidates.sort(Comparator.comparingDouble((Candidate x) -> -x.match().similarity())
          .thenComparingInt(x -> x.cluster().firstTrackId()));
      List<Integer> tracks = new ArrayList<>();
      for (Candidate x : candidates) {
        if (tracks.isEmpty() || !index.anyCoOccur(tracks, x.cluster().trackIds())) {
          tracks.addAll(x.cluster().trackIds());
        } else {
          unknown.add(new Group(null, x.match(), x.cluster().trackIds(), x.cluster().centroid()));
        }
      }
      tracks.sort(null);
      List<TrackEmbedding> members = tracks.stream().map(embeddings::get).toList();
      named.add(new Group(name, candidates.get(0).match(), tracks, TrackClusterer.centroid(members)));
    });
    unknown.sort(Comparator.comparingInt(Group::firstTrackId));
    List<Group> all = new ArrayList<>(named);
    all.addAll(unknown);
    return all;
  }

  /**
   * Ids for groups already ordered by screen time, longest first: {@code unknown_01},
   * {@code unknown_02}, ... for unknowns in that order, and a slug of the name for named ones
   * (suffixed {@code _2}, {@code _3}, ... if two names share a slug).
   *
   * @return one id per group, same order
   */
  static List<String> ids(List<Group> ordered) {
    Set<String> used = new HashSet<>();
    String[] ids = new String[ordered.size()];
    int unknowns = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ordered.get(i).name() == null) {
        ids[i] = String.format(Locale.ROOT, "unknown_%02d", ++unknowns);
        used.add(ids[i]);
      }
    }
    for (int i = 0; i < ids.length; i++) {
      if (ordered.get(i).name() != null) {
        String base = Facebank.castId(ordered.get(i).name());
        String id = base;
        for (int n = 2; !used.add(id); n++) {
          id = base + "_" + n;
        }
        ids[i] = id;
      }
    }
    return List.of(ids);
  }

  private record Candidate(TrackCluster cluster, CastMatch match) {}
}
