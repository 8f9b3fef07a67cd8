package io.screenalytics.identities;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankMatcher;
import io.screenalytics.identities.identity.TrackCluster;
import io.screenalytics.identities.identity.TrackClusterer;
import io.screenalytics.identities.identity.TrackEmbedding;
import io.screenalytics.identities.naming.EpisodeNaming;
import io.screenalytics.identities.naming.NamingDecision;
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
 * <p>Naming is {@link EpisodeNaming}'s (facebank and episode evidence, quality bands, margin over the runner-up),
 * unit by unit. A person may legitimately split into several units (a new haircut, a very different shot, a blurred
 * track named alone), so units named after the same person merge into one identity, taken in descending similarity
 * (facebank evidence before episode evidence), except that a unit co-occurring in a frame with tracks already in that
 * identity cannot be the same person: it stays unknown with a {@code conflict:} reason. Unnamed units of one cluster
 * stay together as one unknown identity.
 */
final class IdentityNaming {

  /** A named or unknown group of tracks before it gets an id, with the decisions that made it. */
  record Group(String name, CastMatch bestMatch, List<Integer> trackIds, float[] centroid,
      List<NamingDecision> decisions) {

    int firstTrackId() {
      return trackIds.get(0);
    }
  }

  private IdentityNaming() {}

  /**
   * Names and merges {@code clusters}.
   *
   * @param margin        see {@link io.screenalytics.identities.facebank.MatchingConfig#margin()}
   * @param blurReference see {@link io.screenalytics.identities.identity.FaceScore}
   * @return groups: named ones by name, then unknown ones by smallest track id
   */
  static List<Group> group(List<TrackCluster> clusters, FacebankMatcher matcher, EpisodeIndex index,
      Map<Integer, TrackEmbedding> embeddings, double margin, double blurReference) {
    EpisodeNaming.Result named = new EpisodeNaming(matcher, margin, blurReference).name(clusters, index, embeddings);
    Map<String, List<Integer>> byName = new TreeMap<>();
    Map<Integer, List<Integer>> unknownByCluster = new TreeMap<>();
    for (int u = 0; u < named.units().size(); u++) {
      NamingDecision d = named.decisions().get(u);
      if (d.named()) {
        byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(u);
      } else {
        unknownByCluster.computeIfAbsent(named.units().get(u).cluster(), k -> new ArrayList<>()).add(u);
      }
    }
    List<NamingDecision> decisions = new ArrayList<>(named.decisions());
    List<Group> groups = new ArrayList<>();
    byName.forEach((name, units) -> {
      units.sort(Comparator.comparingInt((Integer u) -> decisions.get(u).source().ordinal())
          .thenComparingDouble(u -> -decisions.get(u).similarity())
          .thenComparingInt(u -> named.units().get(u).trackIds().get(0)));
      List<Integer> tracks = new ArrayList<>();
      List<NamingDecision> kept = new ArrayList<>();
      for (int u : units) {
        List<Integer> unitTracks = named.units().get(u).trackIds();
        if (tracks.isEmpty() || !index.anyCoOccur(tracks, unitTracks)) {
          tracks.addAll(unitTracks);
          kept.add(decisions.get(u));
        } else {
          decisions.set(u, decisions.get(u).unnamed("conflict: named " + name
              + " but shares a frame with tracks already named so"));
          unknownByCluster.computeIfAbsent(-1 - u, k -> new ArrayList<>()).add(u);
        }
      }
      tracks.sort(null);
      NamingDecision first = kept.get(0);
      CastMatch best = kept.stream().filter(d -> d.source() == NamingDecision.Source.FACEBANK)
          .max(Comparator.comparingDouble(NamingDecision::similarity))
          .map(d -> new CastMatch(name, d.similarity(), d.seedPhoto()))
          .orElse(new CastMatch(name, first.similarity(), first.seedPhoto()));
      groups.add(new Group(name, best, tracks, centroid(tracks, embeddings), kept));
    });
    List<Group> unknown = new ArrayList<>();
    unknownByCluster.values().forEach(units -> {
      List<Integer> tracks = new ArrayList<>();
      units.forEach(u -> tracks.addAll(named.units().get(u).trackIds()));
      tracks.sort(null);
      float[] centroid = centroid(tracks, embeddings);
      unknown.add(new Group(null, matcher.bestCandidate(centroid).orElse(null), tracks, centroid,
          units.stream().map(decisions::get).toList()));
    });
    unknown.sort(Comparator.comparingInt(Group::firstTrackId));
    groups.addAll(unknown);
    return groups;
  }

  private static float[] centroid(List<Integer> tracks, Map<Integer, TrackEmbedding> embeddings) {
    return TrackClusterer.centroid(tracks.stream().map(embeddings::get).toList());
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

}
