package io.screenalytics.voice.assembly;

import io.screenalytics.algorithms.cluster.AverageLinkage;
import io.screenalytics.voice.bank.VoiceMatch;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.diarize.Diarizer;
import io.screenalytics.voice.model.Vectors;
import io.screenalytics.voice.rttm.SpeakerTurn;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The assembly side of voices, for one episode, without Kafka: speaker clusters (average linkage on the window
 * embeddings), the link from voices to faces, names from the voicebank, and the outputs ({@code speech.rttm},
 * {@code voice_segments.jsonl}, the speaking times of {@code screen_time.json}). The assembly handler calls
 * {@link #assemble} with what it has collected.
 *
 * <p>Order: clusters first, then names (naming window by window names short windows wrongly). A cluster takes the
 * face identity on screen for at least {@link VoiceSettings#linkShare()} of its speech; a cluster in which two or
 * more identities are each the face on screen during at least {@link VoiceSettings#splitSeconds()} of its speech is
 * split between them (people with similar voices, each speaking on screen): each window goes to the identity on
 * screen during it, or to that of the nearest such window. Clusters linked to the same identity become one speaker.
 * Where active speaker detection scored the faces ({@link FaceLogits}), the face seen speaking decides instead
 * ({@link AsdLink}): a change of speaking face splits a window, two faces speaking at once both get it. Stateless.
 */
public final class VoiceAssembly {

  private VoiceAssembly() {
  }

  /**
   * Assembles one episode's speakers without active speaker scores: exactly {@link #assemble(String, List, List,
   * List, List, Voicebank, VoiceSettings)} with none.
   *
   * @throws IllegalArgumentException when the windows and embeddings differ in number
   */
  public static VoiceAssemblyResult assemble(String episodeId, List<SpeechWindow> windows, List<float[]> embeddings,
                                             List<FacePresence> faces, Voicebank bank, VoiceSettings settings) {
    return assemble(episodeId, windows, embeddings, faces, List.of(), bank, settings);
  }

  /**
   * Assembles one episode's speakers.
   *
   * @param episodeId  the RTTM file id
   * @param windows    the windows, in time order
   * @param embeddings {@code float[windows][256]}
   * @param faces      face identities with when they are visible
   * @param asd        active speaker logits of the faces over the spans scored, any order; inside those spans the
   *                   speech goes to the face seen speaking ({@link AsdLink}); empty: linked by presence alone
   * @param bank       the voicebank, or null for none
   * @param settings   thresholds
   * @return turns (overlapping where two faces speak at once), speakers and segments
   * @throws IllegalArgumentException when the windows and embeddings differ in number
   */
  public static VoiceAssemblyResult assemble(String episodeId, List<SpeechWindow> windows, List<float[]> embeddings,
                                             List<FacePresence> faces, List<FaceLogits> asd, Voicebank bank,
                                             VoiceSettings settings) {
    if (windows.size() != embeddings.size()) {
      throw new IllegalArgumentException(windows.size() + " windows but " + embeddings.size() + " embeddings");
    }
    int n = windows.size();
    int[] cluster = new Diarizer(new AverageLinkage(settings.clusterDistance())).labels(embeddings);
    String[] faceOf = new String[n];
    for (int i = 0; i < n; i++) faceOf[i] = dominantFace(windows.get(i), faces);
    String[] identity = linkFaces(windows, cluster, faces, faceOf, settings);
    ActiveSpeakers speakers = ActiveSpeakers.of(asd, settings.asdMargin(), settings.asdMinPeak());
    List<AsdLink.Labelled> labelled = new ArrayList<>();
    if (speakers.isEmpty()) {
      for (int i = 0; i < n; i++) {
        labelled.add(new AsdLink.Labelled(i, windows.get(i).ownFrom(), windows.get(i).ownTo(),
            identity[i] != null ? "face:" + identity[i] : "cluster:" + cluster[i], null));
      }
    } else {
      labelled = AsdLink.label(windows, cluster, faceOf, identity, speakers, settings);
    }

    // speakers: one per linked identity, else one per cluster
    Map<String, Set<Integer>> members = new LinkedHashMap<>();
    for (AsdLink.Labelled l : labelled) members.computeIfAbsent(l.key(), k -> new LinkedHashSet<>()).add(l.window());
    Map<String, String> labelOf = new LinkedHashMap<>();
    Map<String, VoiceMatch> matchOf = new LinkedHashMap<>();
    int unnamed = 0;
    for (Map.Entry<String, Set<Integer>> e : members.entrySet()) {
      List<float[]> vectors = e.getValue().stream().map(embeddings::get).toList();
      VoiceMatch match = bank == null ? null : bank.best(Vectors.meanNormalised(vectors), settings.nameThreshold());
      matchOf.put(e.getKey(), match);
      String label;
      if (e.getKey().startsWith("face:")) label = e.getKey().substring(5);
      else if (match != null && match.accepted()) label = match.slug();
      else label = String.format(Locale.ROOT, "voice_%02d", ++unnamed);
      labelOf.put(e.getKey(), label);
    }
    List<SpeakerTurn> turns = TurnEdges.refine(turns(episodeId, windows, labelled, labelOf), faces,
        windows.isEmpty() ? 0 : windows.get(0).end() - windows.get(0).start());
    turns.sort(Comparator.comparingDouble(SpeakerTurn::start));
    return new VoiceAssemblyResult(turns, speaking(members.keySet(), labelOf, matchOf, turns, faces, labelled),
        segments(windows, embeddings, labelled, labelOf, bank));
  }

  /**
   * Consecutive stretches of one label joined into turns (within one speech region, as {@link Diarizer#turns}),
   * in order of start; two labels at once give overlapping turns.
   */
  private static List<SpeakerTurn> turns(String file, List<SpeechWindow> windows, List<AsdLink.Labelled> labelled,
                                         Map<String, String> labelOf) {
    List<SpeakerTurn> out = new ArrayList<>();
    Map<String, double[]> open = new LinkedHashMap<>();
    for (AsdLink.Labelled l : labelled) {
      String label = labelOf.get(l.key());
      int region = windows.get(l.window()).region();
      double[] t = open.get(label);
      if (t != null && t[2] == region && Math.abs(l.from() - t[1]) < 1e-9) {
        t[1] = l.to();
        continue;
      }
      if (t != null && t[1] > t[0]) out.add(new SpeakerTurn(file, t[0], t[1], label));
      open.put(label, new double[] {l.from(), l.to(), region});
    }
    open.forEach((label, t) -> {
      if (t[1] > t[0]) out.add(new SpeakerTurn(file, t[0], t[1], label));
    });
    out.sort(Comparator.comparingDouble(SpeakerTurn::start));
    return out;
  }

  /** The identity visible for most of the window's own span, when that is at least half of it; else null. */
  private static String dominantFace(SpeechWindow w, List<FacePresence> faces) {
    String best = null;
    double bestSeconds = 0;
    for (FacePresence f : faces) {
      double s = f.overlap(w.ownFrom(), w.ownTo());
      if (s > bestSeconds) {
        bestSeconds = s;
        best = f.identityId();
      }
    }
    return bestSeconds >= 0.5 * (w.ownTo() - w.ownFrom()) ? best : null;
  }

  /** The face identity each window's speech is linked to, or null. */
  private static String[] linkFaces(List<SpeechWindow> windows, int[] cluster, List<FacePresence> faces,
                                    String[] faceOf, VoiceSettings settings) {
    int n = windows.size();
    String[] out = new String[n];
    for (int c = 0; c <= max(cluster); c++) {
      double total = 0;
      Map<String, Double> onScreen = new LinkedHashMap<>();
      Map<String, Double> ownStretch = new LinkedHashMap<>();
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (cluster[i] != c) continue;
        idx.add(i);
        SpeechWindow w = windows.get(i);
        double span = w.ownTo() - w.ownFrom();
        total += span;
        for (FacePresence f : faces) onScreen.merge(f.identityId(), f.overlap(w.ownFrom(), w.ownTo()), Double::sum);
        if (faceOf[i] != null) ownStretch.merge(faceOf[i], span, Double::sum);
      }
      if (total <= 0) continue;
      List<String> split = ownStretch.entrySet().stream().filter(e -> e.getValue() >= settings.splitSeconds())
          .map(Map.Entry::getKey).toList();
      if (split.size() >= 2) {
        for (int i : idx) out[i] = split.contains(faceOf[i]) ? faceOf[i] : nearest(windows, idx, faceOf, i, split);
        continue;
      }
      double speech = total;
      onScreen.entrySet().stream().max(Map.Entry.comparingByValue())
          .filter(e -> e.getValue() / speech >= settings.linkShare())
          .ifPresent(e -> idx.forEach(i -> out[i] = e.getKey()));
    }
    return out;
  }

  /** The identity among {@code among} of the window of the cluster nearest in time to window {@code i}. */
  private static String nearest(List<SpeechWindow> windows, List<Integer> idx, String[] faceOf, int i,
                                List<String> among) {
    String best = among.get(0);
    double bestGap = Double.POSITIVE_INFINITY;
    for (int j : idx) {
      if (!among.contains(faceOf[j])) continue;
      double gap = Math.abs(windows.get(j).centre() - windows.get(i).centre());
      if (gap < bestGap) {
        bestGap = gap;
        best = faceOf[j];
      }
    }
    return best;
  }

  private static List<Speaking> speaking(Set<String> keys, Map<String, String> labelOf,
                                         Map<String, VoiceMatch> matchOf, List<SpeakerTurn> turns,
                                         List<FacePresence> faces, List<AsdLink.Labelled> labelled) {
    Map<String, Speaking> out = new LinkedHashMap<>();
    for (String key : keys) {
      String label = labelOf.get(key);
      if (out.containsKey(label)) continue;
      String face = key.startsWith("face:") ? key.substring(5) : null;
      FacePresence presence = faces.stream().filter(f -> f.identityId().equals(face)).findFirst().orElse(null);
      VoiceMatch match = matchOf.get(key);
      String voiceName = match != null && match.accepted() ? match.name() : null;
      boolean conflict = voiceName != null && presence != null && presence.name() != null
          && !Voicebank.slug(presence.name()).equals(Voicebank.slug(voiceName));
      double speaking = 0;
      double onScreen = 0;
      for (SpeakerTurn t : turns) {
        if (!t.speaker().equals(label)) continue;
        speaking += t.seconds();
        if (presence != null) onScreen += presence.overlap(t.start(), t.end());
      }
      double seen = 0;
      for (AsdLink.Labelled l : labelled) {
        if (face != null && l.key().equals(key) && l.evidence() != null
            && l.evidence().stream().anyMatch(e -> e.speaking() && e.identityId().equals(face))) {
          seen += l.to() - l.from();
        }
      }
      out.put(label, new Speaking(label, face, voiceName, match == null ? Double.NaN : match.similarity(), conflict,
          speaking, onScreen, speaking - onScreen, seen));
    }
    return List.copyOf(out.values());
  }

  /**
   * One segment per window; a window with active speaker evidence is cut into its stretches, one segment per
   * stretch and speaker, with the evidence.
   */
  private static List<VoiceSegment> segments(List<SpeechWindow> windows, List<float[]> embeddings,
                                              List<AsdLink.Labelled> labelled, Map<String, String> labelOf,
                                              Voicebank bank) {
    List<VoiceSegment> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < windows.size(); i++) {
      VoiceMatch m = bank == null ? null : bank.best(embeddings.get(i), Double.POSITIVE_INFINITY);
      String name = m == null ? null : m.name();
      double similarity = m == null ? Double.NaN : m.similarity();
      int from = k;
      while (k < labelled.size() && labelled.get(k).window() == i) k++;
      List<AsdLink.Labelled> own = labelled.subList(from, k);
      if (own.size() == 1 && own.get(0).evidence() == null) {
        SpeechWindow w = windows.get(i);
        out.add(new VoiceSegment(w.start(), w.end(), labelOf.get(own.get(0).key()), name, similarity));
        continue;
      }
      for (AsdLink.Labelled l : own) {
        out.add(new VoiceSegment(l.from(), l.to(), labelOf.get(l.key()), name, similarity, l.evidence()));
      }
    }
    return out;
  }

  private static int max(int[] values) {
    int m = -1;
    for (int v : values) m = Math.max(m, v);
    return m;
  }
}
