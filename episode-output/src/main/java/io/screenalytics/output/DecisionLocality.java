package io.screenalytics.output;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.output.review.Decision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps a review decision local (issue 29): what a {@code NAME} decision's trial would change outside what it names
 * is held as it was ({@link Decision.Held}). Used by {@link EpisodeReview}. Stateless.
 */
final class DecisionLocality {

  private DecisionLocality() {}

  /**
   * What a {@code NAME} decision holds (issue 29: decisions are local): the tracks outside the decision whose name the
   * trial assembly (the decision and its new seeds applied) changes, other than unknown tracks joining the person
   * named, grouped by their name before and after. Learned seeds are crops of the episode's own shots, closer to the
   * other people of those shots than any photo is (different people in one shot reach cosine 0.46 on the real
   * sitcom clip of the issue), so a new seed can outbid the photo seeds of everyone near it; each such move is held and
   * becomes a suggestion the reviewer confirms with a decision of their own.
   *
   * @param before the episode before the decision
   * @param trial  the episode with the decision and its new seeds, nothing held
   * @param d      the decision
   */
  static List<Decision.Held> held(AssemblyResult before, AssemblyResult trial, Decision d) {
    Map<Integer, String> was = names(before);
    Map<Integer, String> now = names(trial);
    Set<Integer> own = new HashSet<>(d.trackIds());
    Map<List<String>, List<Integer>> moves = new LinkedHashMap<>();
    for (Integer track : new TreeSet<>(was.keySet())) {
      if (own.contains(track) || !now.containsKey(track)) {
        continue;
      }
      String b = was.get(track);
      String a = now.get(track);
      if (Objects.equals(a, b) || (b == null && d.person().equals(a))) {
        continue;
      }
      moves.computeIfAbsent(Arrays.asList(b, a), k -> new ArrayList<>()).add(track);
    }
    List<Decision.Held> held = new ArrayList<>();
    moves.forEach((names, tracks) -> {
      Double similarity = trial.identities().stream().filter(i -> i.trackIds().contains(tracks.get(0)))
          .map(Identity::bestMatch).filter(m -> m != null && m.name().equals(names.get(1)))
          .map(CastMatch::similarity).findFirst().orElse(null);
      held.add(new Decision.Held(tracks, names.get(0), names.get(1), similarity));
    });
    return held;
  }

  /** Track id to its identity's name (null for unknown), for every track of the episode. */
  private static Map<Integer, String> names(AssemblyResult result) {
    Map<Integer, String> out = new HashMap<>();
    for (Identity i : result.identities()) {
      i.trackIds().forEach(t -> out.put(t, i.name()));
    }
    return out;
  }
}
