package io.screenalytics.voice.assembly;

import io.screenalytics.voice.speech.SpeechWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Gives each stretch of speech its speaker key ({@code face:<identity>} or {@code cluster:<n>}), linking voices to
 * faces by who speaks where active speaker detection scored, by the face on screen elsewhere. Stateless.
 *
 * <p>Inside a scored span every speech frame goes to the faces {@link ActiveSpeakers} says speak (two at once: both,
 * overlapping); where no face speaks it goes to its cluster's face when that face is not on screen there (speech off
 * screen) or when, of two or more faces on screen, it is the one active speaker detection ranks first (a dip of the
 * speaker's own logit under 0 mid-speech, measured on the two-shot: Bob's turn 74.8 -> see docs/active-speaker.md),
 * else it stays a voice: never a listener's face (a listener ranked first is not the voice's own face). A cluster whose scored speech reaches
 * {@link VoiceSettings#asdMinSeconds()} takes its face from active speaker detection (the faces given at least
 * {@link VoiceSettings#linkShare()} of its scored speech, or {@link VoiceSettings#splitSeconds()} of it), which its speech outside scored spans follows (the face on screen when it is one of them, else
 * the nearest in time); a cluster with less keeps the link by presence; one whose scored speech no face was seen
 * speaking keeps it outside scored spans, except to a face seen not speaking it for
 * {@link VoiceSettings#asdMinSeconds()} or more. Without scored spans every window keeps the
 * link by presence, exactly as without active speaker detection.
 */
final class AsdLink {

  /**
   * A stretch of one window's own span given to one speaker.
   *
   * @param window   the window's index
   * @param from     start, seconds
   * @param to       end, seconds
   * @param key      {@code face:<identity>} or {@code cluster:<n>}
   * @param evidence active speaker evidence, or null outside scored spans
   */
  record Labelled(int window, double from, double to, String key, List<AsdEvidence> evidence) {}

  private AsdLink() {
  }

  /**
   * @param windows  the windows in time order
   * @param cluster  each window's voice cluster
   * @param faceOf   each window's face on screen, or null
   * @param presence each window's identity by presence ({@link VoiceAssembly}'s link), or null
   * @param asd      the scored spans
   * @return the labelled stretches in time order (window by window)
   */
  static List<Labelled> label(List<SpeechWindow> windows, int[] cluster, String[] faceOf, String[] presence,
                              ActiveSpeakers asd, VoiceSettings settings) {
    int n = windows.size();
    List<List<ActiveSpeakers.Piece>> pieces = new ArrayList<>();
    Map<Integer, Double> scored = new LinkedHashMap<>();
    Map<Integer, Map<String, Double>> seen = new LinkedHashMap<>();
    Map<Integer, Map<String, Double>> silent = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      SpeechWindow w = windows.get(i);
      List<ActiveSpeakers.Piece> cut = asd.cut(w.ownFrom(), w.ownTo());
      pieces.add(cut);
      for (ActiveSpeakers.Piece p : cut) {
        if (!p.scored()) continue;
        scored.merge(cluster[i], p.seconds(), Double::sum);
        for (String id : p.speakers()) {
          seen.computeIfAbsent(cluster[i], k -> new LinkedHashMap<>()).merge(id, p.seconds(), Double::sum);
        }
        for (AsdEvidence e : p.evidence()) {
          if (!e.speaking()) {
            silent.computeIfAbsent(cluster[i], k -> new LinkedHashMap<>()).merge(e.identityId(), p.seconds(),
                Double::sum);
          }
        }
      }
    }
    Map<Integer, List<String>> asdFaces = new LinkedHashMap<>();
    scored.forEach((c, s) -> {
      if (s < settings.asdMinSeconds()) return;
      asdFaces.put(c, seen.getOrDefault(c, Map.of()).entrySet().stream()
          .filter(e -> e.getValue() >= settings.linkShare() * s || e.getValue() >= settings.splitSeconds())
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList());
    });

    List<Labelled> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String fallback = fallback(i, windows, cluster, faceOf, presence, pieces, asdFaces, silent,
          settings.asdMinSeconds());
      boolean seenSpeaking = !asdFaces.getOrDefault(cluster[i], List.of()).isEmpty();
      for (ActiveSpeakers.Piece p : pieces.get(i)) {
        if (!p.scored()) {
          out.add(new Labelled(i, p.from(), p.to(), key(fallback, cluster[i]), null));
        } else if (!p.speakers().isEmpty()) {
          for (String id : p.speakers()) out.add(new Labelled(i, p.from(), p.to(), "face:" + id, p.evidence()));
        } else {
          String face = fallback != null && (!p.sees(fallback) || seenSpeaking && p.leads(fallback)) ? fallback : null;
          out.add(new Labelled(i, p.from(), p.to(), key(face, cluster[i]), p.evidence()));
        }
      }
    }
    return out;
  }

  /** The face of window {@code i}'s speech where active speaker detection does not name one, or null. */
  private static String fallback(int i, List<SpeechWindow> windows, int[] cluster, String[] faceOf,
                                 String[] presence, List<List<ActiveSpeakers.Piece>> pieces,
                                 Map<Integer, List<String>> asdFaces, Map<Integer, Map<String, Double>> silent,
                                 double minSeconds) {
    List<String> faces = asdFaces.get(cluster[i]);
    if (faces == null) return presence[i];
    // no face seen speaking with this voice: the scored speech says only who on screen did not speak it, so the
    // rest keeps the link by presence unless that face was seen not speaking it for at least minSeconds
    // (office_meeting_63s: a span of two silent listeners, 3.2 s, had taken a close-up speaker's 8 s off his own
    // face; short_hamilton_clip: the performer, far away and scored at -0.3 for 0.56 s, keeps his close-ups)
    if (faces.isEmpty()) {
      return presence[i] == null || silent.getOrDefault(cluster[i], Map.of()).getOrDefault(presence[i], 0.0)
          >= minSeconds ? null : presence[i];
    }
    if (faces.contains(faceOf[i])) return faceOf[i];
    if (faces.size() == 1) return faces.get(0);
    double centre = windows.get(i).centre();
    return IntStream.range(0, windows.size()).filter(j -> cluster[j] == cluster[i]).boxed()
        .flatMap(j -> pieces.get(j).stream())
        .filter(p -> p.speakers().stream().anyMatch(faces::contains))
        .min(Comparator.comparingDouble(p -> Math.abs((p.from() + p.to()) / 2 - centre)))
        .flatMap(p -> p.speakers().stream().filter(faces::contains).findFirst())
        .orElse(faces.get(0));
  }

  private static String key(String face, int cluster) {
    return face != null ? "face:" + face : "cluster:" + cluster;
  }
}
