package io.screenalytics.output.review;

import io.screenalytics.identities.IdentityEdits;
import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.identities.identity.TrackClusterer;
import io.screenalytics.identities.identity.TrackEmbedding;
import io.screenalytics.identities.naming.NamingDecision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A log's decisions as edits of an episode's identity groups, applied in order after clustering and cast naming:
 *
 * <ul>
 *   <li>{@code MERGE}: the groups holding any of the two identities' tracks become one (named as the identity merged
 *       into, else as the other), whether or not they share a frame: the reviewer saw them;
 *   <li>{@code SPLIT}: the track leaves its group for a group of its own, unknown, with its best cast candidate as
 *       evidence;
 *   <li>{@code NAME}: the identity's tracks take the name (the facebank's new seeds usually named them already),
 *       leaving the group of another name they are in (a rename); then groups of that name merge unless they share
 *       a frame, as cast naming merges them;
 *   <li>{@code REJECT}: the identity's tracks leave any group of the refused name, as one unknown group (the
 *       facebank's rejections usually kept them out already).
 * </ul>
 *
 * <p>Tracks a decision names that the current grouping does not hold (other settings) are ignored. Immutable;
 * thread-safe.
 */
final class DecisionEdits implements IdentityEdits {

  private final List<Decision> decisions;

  DecisionEdits(List<Decision> decisions) {
    this.decisions = List.copyOf(decisions);
  }

  @Override
  public List<Group> apply(List<Group> groups, Context context) {
    List<Group> out = new ArrayList<>(groups);
    for (Decision d : decisions) {
      switch (d.kind()) {
        case MERGE -> merge(out, d, context);
        case SPLIT -> split(out, d, context);
        case NAME -> name(out, d, context);
        case REJECT -> reject(out, d, context);
        default -> throw new IllegalStateException("unknown decision " + d.kind());
      }
    }
    return out;
  }

  private static void merge(List<Group> groups, Decision d, Context context) {
    Group into = holding(groups, d.intoTrackIds());
    Group from = holding(groups, d.trackIds());
    if (into == null || from == null || into == from) {
      return;
    }
    String name = into.name() != null ? into.name() : from.name();
    CastMatch match = into.name() != null || from.name() == null ? into.bestMatch() : from.bestMatch();
    Set<Integer> tracks = new TreeSet<>(into.trackIds());
    tracks.addAll(from.trackIds());
    List<NamingDecision> naming = new ArrayList<>(into.naming());
    naming.addAll(from.naming());
    int at = groups.indexOf(into);
    groups.set(at, group(name, match, tracks, naming, context));
    groups.remove(from);
  }

  private static void split(List<Group> groups, Decision d, Context context) {
    Group g = holding(groups, List.of(d.track()));
    if (g == null || g.trackIds().size() < 2) {
      return;
    }
    List<Integer> rest = g.trackIds().stream().filter(t -> !t.equals(d.track())).toList();
    groups.set(groups.indexOf(g), group(g.name(), g.bestMatch(), rest, naming(g, rest), context));
    groups.add(unknown(List.of(d.track()), context));
  }

  private static void name(List<Group> groups, Decision d, Context context) {
    Set<Integer> tracks = new HashSet<>(d.trackIds());
    for (int i = 0, n = groups.size(); i < n; i++) {
      Group g = groups.get(i);
      List<Integer> in = g.trackIds().stream().filter(tracks::contains).toList();
      if (in.isEmpty() || Objects.equals(g.name(), d.person())) {
        continue;
      }
      List<Integer> rest = g.trackIds().stream().filter(t -> !tracks.contains(t)).toList();
      Group renamed = group(d.person(), null, in, List.of(), context);
      CastMatch evidence = context.matcher().candidate(renamed.centroid(), d.person())
          .orElse(g.name() == null ? g.bestMatch() : null);
      renamed = new Group(d.person(), evidence, renamed.trackIds(), renamed.centroid(), List.of());
      if (rest.isEmpty()) {
        groups.set(i, renamed);
      } else {
        // a renamed identity: its tracks leave the other person's group
        groups.set(i, group(g.name(), g.bestMatch(), rest, naming(g, rest), context));
        groups.add(renamed);
      }
    }
    List<Group> named = groups.stream().filter(g -> Objects.equals(g.name(), d.person())).toList();
    if (named.size() < 2) {
      return;
    }
    Group first = named.get(0);
    Set<Integer> merged = new TreeSet<>(first.trackIds());
    List<NamingDecision> naming = new ArrayList<>(first.naming());
    for (Group g : named.subList(1, named.size())) {
      if (!context.index().anyCoOccur(merged, g.trackIds())) {
        merged.addAll(g.trackIds());
        naming.addAll(g.naming());
        groups.remove(g);
      }
    }
    groups.set(groups.indexOf(first), group(first.name(), first.bestMatch(), merged, naming, context));
  }

  private static void reject(List<Group> groups, Decision d, Context context) {
    Set<Integer> tracks = new HashSet<>(d.trackIds());
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      if (!Objects.equals(g.name(), d.person())) {
        continue;
      }
      List<Integer> out = g.trackIds().stream().filter(tracks::contains).toList();
      if (out.isEmpty()) {
        continue;
      }
      List<Integer> kept = g.trackIds().stream().filter(t -> !tracks.contains(t)).toList();
      if (kept.isEmpty()) {
        groups.set(i, unknown(out, context));
      } else {
        groups.set(i, group(g.name(), g.bestMatch(), kept, naming(g, kept), context));
        groups.add(unknown(out, context));
      }
    }
  }

  /** The group holding most of {@code tracks} (the first such), or null when none holds any. */
  private static Group holding(List<Group> groups, Collection<Integer> tracks) {
    Group best = null;
    long most = 0;
    for (Group g : groups) {
      long n = g.trackIds().stream().filter(tracks::contains).count();
      if (n > most) {
        best = g;
        most = n;
      }
    }
    return best;
  }

  private static Group group(String name, CastMatch match, Collection<Integer> tracks, List<NamingDecision> naming,
      Context context) {
    List<Integer> ids = new ArrayList<>(new TreeSet<>(tracks));
    List<TrackEmbedding> members = ids.stream().map(context.embeddings()::get).filter(Objects::nonNull).toList();
    return new Group(name, match, ids, TrackClusterer.centroid(members), naming);
  }

  /** {@code g}'s naming decisions about any of {@code tracks}. */
  private static List<NamingDecision> naming(Group g, List<Integer> tracks) {
    return g.naming().stream().filter(n -> n.trackIds().stream().anyMatch(tracks::contains)).toList();
  }

  /** An unknown group with its best cast candidate (not accepted: a reviewer took the tracks out of a name). */
  private static Group unknown(Collection<Integer> tracks, Context context) {
    Group g = group(null, null, tracks, List.of(), context);
    return new Group(null, context.matcher().bestCandidate(g.centroid()).orElse(null), g.trackIds(), g.centroid(),
        List.of());
  }
}
