package io.screenalytics.voice.assembly;

import io.screenalytics.voice.rttm.SpeakerTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Moves the edges of turns to face changes. A window that straddles the change from one speaking face to another
 * mixes both voices and takes one label, so a turn of face A can run up to a window's length into the stretch where
 * face B, itself a speaker, is on screen and A is not. Such an edge stretch, shorter than a window, goes to B. Speech
 * over another face in the middle of a turn (a reaction shot) stays with its speaker. Stateless.
 */
final class TurnEdges {

  private TurnEdges() {
  }

  /**
   * @param turns  turns in time order
   * @param faces  the face identities; only those that are speakers (turn labels) take edges
   * @param window window length in seconds: the longest edge moved
   */
  static List<SpeakerTurn> refine(List<SpeakerTurn> turns, List<FacePresence> faces, double window) {
    Map<String, FacePresence> byId = faces.stream()
        .collect(Collectors.toMap(FacePresence::identityId, Function.identity(), (a, b) -> a));
    List<String> speakers = turns.stream().map(SpeakerTurn::speaker).distinct().toList();
    List<SpeakerTurn> out = new ArrayList<>();
    for (SpeakerTurn t : turns) {
      FacePresence own = byId.get(t.speaker());
      if (own == null) {
        out.add(t);
        continue;
      }
      double start = t.start();
      double end = t.end();
      for (String other : speakers) {
        FacePresence o = byId.get(other);
        if (o == null || other.equals(t.speaker())) continue;
        for (double[] v : o.visible()) {
          // another speaking face from v[0] on, this face gone: the turn's tail there goes to it
          if (v[0] > start && v[0] < end && end - v[0] < window && own.overlap(v[0], end) == 0) {
            out.add(new SpeakerTurn(t.file(), v[0], end, other));
            end = v[0];
          }
          // another speaking face until v[1], this face not yet there: the turn's head goes to it
          if (v[1] > start && v[1] < end && v[1] - start < window && own.overlap(start, v[1]) == 0) {
            out.add(new SpeakerTurn(t.file(), start, v[1], other));
            start = v[1];
          }
        }
      }
      if (end > start) out.add(new SpeakerTurn(t.file(), start, end, t.speaker()));
    }
    return out;
  }
}
