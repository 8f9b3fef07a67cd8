package io.screenalytics.identities.naming;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.CastMatch;
import io.screenalytics.identities.facebank.FacebankMatcher;
import io.screenalytics.identities.identity.FaceScore;
import io.screenalytics.identities.identity.TrackCluster;
import io.screenalytics.identities.identity.TrackClusterer;
import io.screenalytics.identities.identity.TrackEmbedding;
import io.screenalytics.vision.embed.Embeddings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Names an episode's tracks from the facebank and from the episode itself, with quality-dependent thresholds and a
 * margin over the runner-up; every decision keeps its evidence ({@link NamingDecision}).
 *
 * <p>Units: a cluster's tracks of {@link QualityBand#HIGH} or {@link QualityBand#MEDIUM} quality are named together;
 * each {@link QualityBand#LOW} or {@link QualityBand#UNUSABLE} track is named alone, because clustering merges
 * degraded faces of different people (on the composed episode of {@code NamingEvaluationIT} two people's shrunk
 * tracks had a cosine of 0.51, above the clustering cut of 0.5) and one such merge would carry a name to both.
 *
 * <ol>
 *   <li>Unusable units (near-black or flat crops: mean contrast under {@link #MIN_CONTRAST}; or quality under
 *       {@link QualityBand#LOW}'s floor) stay unknown with that reason.
 *   <li>Facebank, units of high and medium quality: the closest cast member (nearest seed) names the unit when its
 *       cosine reaches the band's {@link QualityBand#threshold} and beats the next cast member by the
 *       margin, and then (issue 29.4, repeated until nothing changes) beats by the margin every person of the
 *       episode left unnamed who is at least as sharp (a unit of its band or better never sharing a frame with it).
 *   <li>Facebank, low-quality units: the same, except that the runner-up is also every unnamed person of the
 *       episode seen in good quality (a unit of high or medium quality that never shares a frame with this one):
 *       a blurred face much closer to an unnamed sharp person than to a cast member's photo is that person.
 *   <li>Episode, repeated until nothing changes: a remaining unit takes cast member X when its cosine to X's
 *       nearest named track whose own quality is high (never one sharing a frame with it) reaches the band's
 *       {@link QualityBand#threshold} and beats both the next cast member's named tracks and every unnamed
 *       good-quality person of the episode by the margin. High-quality units named here become evidence in the
 *       next round. Only high-quality tracks are evidence, as only sharp references were calibrated: two degraded
 *       tracks of different people resemble each other (0.36 on the composed episode, where a degraded track's
 *       cosine to its own sharp track was 0.21).
 *   <li>What is left stays unknown, with the closest attempt as its reason.
 * </ol>
 *
 * <p>Deterministic for the same input. Stateless; thread-safe.
 */
public final class EpisodeNaming {

  /**
   * 10 grey levels: the standard deviation of an aligned crop below which it is near-black or flat. Real faces of
   * the shared footage have contrast 25-70; a crop of a black frame or a flat logo background is a few levels.
   */
  public static final double MIN_CONTRAST = 10.0;

  /**
   * One naming unit.
   *
   * @param cluster  index of the cluster it came from
   * @param trackIds ascending track ids
   * @param centroid {@code float[D]} unit vector, quality-weighted over its tracks
   * @param quality  mean face quality of its embedded faces, 0..1
   * @param contrast mean crop contrast of its embedded faces, grey levels
   * @param band     quality band (UNUSABLE also when near-black)
   */
  public record Unit(int cluster, List<Integer> trackIds, float[] centroid, double quality, double contrast,
      QualityBand band) {}

  /** Units and their decisions, same order. */
  public record Result(List<Unit> units, List<NamingDecision> decisions) {}

  private final FacebankMatcher matcher;
  private final double margin;
  private final double blurReference;

  /**
   * @param matcher       the facebank
   * @param margin        cosine by which a name must beat the runner-up, 0..1
   * @param blurReference see {@link FaceScore}
   */
  public EpisodeNaming(FacebankMatcher matcher, double margin, double blurReference) {
    this.matcher = matcher;
    this.margin = margin;
    this.blurReference = blurReference;
  }

  /**
   * Names the episode.
   *
   * @param clusters   clusters of embedded tracks ({@code float[D]} centroids)
   * @param index      the episode (faces for quality, co-occurrence)
   * @param embeddings track embeddings by track id, for every clustered track
   * @return every unit with its decision
   */
  public Result name(List<TrackCluster> clusters, EpisodeIndex index, Map<Integer, TrackEmbedding> embeddings) {
    Map<Integer, QualityBand> trackBands = new HashMap<>();
    for (TrackCluster c : clusters) {
      c.trackIds().forEach(t -> trackBands.put(t, band(measure(index.facesOf(t)))));
    }
    List<Unit> units = units(clusters, index, embeddings, trackBands);
    NamingDecision[] decided = new NamingDecision[units.size()];
    String[] attempts = new String[units.size()];
    String[] episodeAttempts = new String[units.size()];
    for (int u = 0; u < units.size(); u++) {
      Unit unit = units.get(u);
      List<CastMatch> cands = matcher.candidates(unit.centroid());
      CastMatch best = cands.isEmpty() ? null : cands.get(0);
      decided[u] = null;
      if (unit.band() == QualityBand.UNUSABLE) {
        String why = unit.contrast() < MIN_CONTRAST
            ? fmt("unusable: near-black or flat faces (contrast %.1f < %.0f)", unit.contrast(), MIN_CONTRAST)
            : fmt("unusable: very low quality %.3f < %.2f", unit.quality(), QualityBand.LOW.minQuality());
        decided[u] = unknown(unit, best, null, Double.NaN, why);
      } else if (best == null) {
        attempts[u] = "no usable facebank seed";
      }
    }
    // facebank: good-quality units first, then low-quality ones against the unnamed good-quality people
    for (boolean low : new boolean[] {false, true}) {
      NamingDecision[] before = decided.clone();
      for (int u = 0; u < units.size(); u++) {
        Unit unit = units.get(u);
        if (decided[u] != null || (unit.band() == QualityBand.LOW) != low) {
          continue;
        }
        List<CastMatch> cands = matcher.candidates(unit.centroid());
        if (cands.isEmpty()) {
          continue;
        }
        CastMatch best = cands.get(0);
        String runner = cands.size() > 1 ? cands.get(1).name() : null;
        double runnerSim = cands.size() > 1 ? cands.get(1).similarity() : Double.NaN;
        if (low) {
          Competitor c = nearestUnnamed(u, units, before, index, embeddings, QualityBand.MEDIUM);
          if (c != null && !(c.similarity() <= runnerSim)) {
            runner = c.label();
            runnerSim = c.similarity();
          }
        }
        double threshold = unit.band().threshold(matcher.minSimilarity());
        if (best.similarity() >= threshold && !(best.similarity() - runnerSim < margin)) {
          decided[u] = new NamingDecision(unit.trackIds(), best.name(), NamingDecision.Source.FACEBANK,
              best.similarity(), threshold, best.sourcePhoto(), null, unit.quality(), unit.band(), runner,
              runnerSim, null);
        } else {
          attempts[u] = best.similarity() < threshold
              ? fmt("facebank %s %.3f < %.2f", best.name(), best.similarity(), threshold)
              : fmt("facebank %s %.3f does not beat %s %.3f by %.2f", best.name(), best.similarity(), runner,
                  runnerSim, margin);
        }
      }
      if (!low) {
        unnameResemblingUnnamed(units, decided, attempts, index, embeddings);
      }
    }
    // episode: named good-quality tracks are evidence, until nothing changes
    for (boolean changed = true; changed; ) {
      changed = false;
      NamingDecision[] before = decided.clone();
      Map<String, List<Integer>> evidence = new TreeMap<>();
      for (int u = 0; u < units.size(); u++) {
        if (before[u] != null && before[u].named()) {
          for (int t : units.get(u).trackIds()) {
            if (trackBands.get(t) == QualityBand.HIGH) {
              evidence.computeIfAbsent(before[u].name(), k -> new ArrayList<>()).add(t);
            }
          }
        }
      }
      for (int u = 0; u < units.size(); u++) {
        if (decided[u] != null || evidence.isEmpty()) {
          continue;
        }
        Unit unit = units.get(u);
        List<Competitor> names = new ArrayList<>();
        evidence.forEach((name, tracks) -> {
          if (!index.anyCoOccur(unit.trackIds(), tracks)) {
            Competitor nearest = nearestTrack(unit, tracks, embeddings, name);
            if (nearest != null) {
              names.add(nearest);
            }
          }
        });
        if (names.isEmpty()) {
          continue;
        }
        names.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        Competitor best = names.get(0);
        Competitor runner = names.size() > 1 ? names.get(1) : null;
        Competitor unnamed = nearestUnnamed(u, units, before, index, embeddings, QualityBand.MEDIUM);
        if (unnamed != null && (runner == null || unnamed.similarity() > runner.similarity())) {
          runner = unnamed;
        }
        double threshold = unit.band().threshold(matcher.minSimilarity());
        double runnerSim = runner == null ? Double.NaN : runner.similarity();
        if (best.similarity() >= threshold && !(best.similarity() - runnerSim < margin)) {
          decided[u] = new NamingDecision(unit.trackIds(), best.label(), NamingDecision.Source.EPISODE,
              best.similarity(), threshold, null, best.trackId(), unit.quality(), unit.band(),
              runner == null ? null : runner.label(), runnerSim, null);
          changed = true;
        } else {
          String episode = best.similarity() < threshold
              ? fmt("episode %s (track %d) %.3f < %.2f", best.label(), best.trackId(), best.similarity(), threshold)
              : fmt("episode %s (track %d) %.3f does not beat %s %.3f by %.2f", best.label(), best.trackId(),
                  best.similarity(), runner.label(), runnerSim, margin);
          episodeAttempts[u] = episode;
        }
      }
    }
    List<NamingDecision> out = new ArrayList<>(units.size());
    for (int u = 0; u < units.size(); u++) {
      if (decided[u] == null) {
        List<CastMatch> cands = matcher.candidates(units.get(u).centroid());
        decided[u] = unknown(units.get(u), cands.isEmpty() ? null : cands.get(0),
            cands.size() > 1 ? cands.get(1).name() : null,
            cands.size() > 1 ? cands.get(1).similarity() : Double.NaN,
            "not named: " + String.join("; ", Stream.of(attempts[u], episodeAttempts[u])
                .filter(Objects::nonNull).toList()).replaceFirst("^$", "no candidate"));
      }
      out.add(decided[u]);
    }
    return new Result(units, out);
  }

  private NamingDecision unknown(Unit unit, CastMatch best, String runner, double runnerSim, String why) {
    return new NamingDecision(unit.trackIds(), null, NamingDecision.Source.NONE,
        best == null ? Double.NaN : best.similarity(), unit.band() == QualityBand.UNUSABLE ? Double.NaN
        : unit.band().threshold(matcher.minSimilarity()), best == null ? null : best.sourcePhoto(), null,
        unit.quality(), unit.band(), runner, runnerSim, why);
  }

  private record Competitor(String label, int trackId, double similarity) {}

  /** The named track of {@code tracks} nearest to the unit's centroid. */
  private static Competitor nearestTrack(Unit unit, List<Integer> tracks, Map<Integer, TrackEmbedding> embeddings,
      String label) {
    Competitor best = null;
    for (int t : tracks) {
      TrackEmbedding e = embeddings.get(t);
      if (e == null || e.vector().length != unit.centroid().length) {
        continue;
      }
      double sim = Embeddings.dot(unit.centroid(), e.vector());
      if (best == null || sim > best.similarity()) {
        best = new Competitor(label, t, sim);
      }
    }
    return best;
  }

  /**
   * Margins against every person of the episode (issue 29.4), for the units of high and medium quality the facebank
   * named: a unit keeps its cast name only if it beats, by the margin, every unnamed person of the episode at least
   * as sharp as itself (a unit of its band or better that never shares a frame with it), as low-quality units must
   * already (step 3). Only an equally sharp or sharper person vetoes: their own failure to take the name is reliable
   * evidence that they are someone else, where a blurred or profile track of the cast member himself, left unnamed
   * for its quality, is not. Cosines to photos and to tracks are compared as they are: on the labelled real clips
   * their same-person and different-person distributions agree within about 0.07 (docs/facebanks.md, "Margins
   * against every person"). Repeated until nothing changes (a unit unnamed here competes in the next round).
   */
  private void unnameResemblingUnnamed(List<Unit> units, NamingDecision[] decided, String[] attempts,
      EpisodeIndex index, Map<Integer, TrackEmbedding> embeddings) {
    for (boolean changed = true; changed; ) {
      changed = false;
      NamingDecision[] before = decided.clone();
      for (int u = 0; u < units.size(); u++) {
        NamingDecision d = before[u];
        Unit unit = units.get(u);
        if (d == null || !d.named() || unit.band() == QualityBand.LOW) {
          continue;
        }
        Competitor c = nearestUnnamed(u, units, before, index, embeddings, unit.band());
        if (c == null || c.similarity() <= d.runnerUpSimilarity() || Double.isNaN(c.similarity())) {
          continue;
        }
        if (d.similarity() - c.similarity() < margin) {
          attempts[u] = fmt("facebank %s %.3f does not beat %s %.3f by %.2f", d.name(), d.similarity(), c.label(),
              c.similarity(), margin);
          decided[u] = null;
          changed = true;
        } else if (Double.isNaN(d.runnerUpSimilarity()) || c.similarity() > d.runnerUpSimilarity()) {
          decided[u] = new NamingDecision(d.trackIds(), d.name(), d.source(), d.similarity(), d.threshold(),
              d.seedPhoto(), d.evidenceTrackId(), d.quality(), d.band(), c.label(), c.similarity(), null);
        }
      }
    }
  }

  /**
   * The nearest track of an unnamed unit of band {@code atMost} or better, other than {@code self}, that never shares
   * a frame with it.
   */
  private static Competitor nearestUnnamed(int self, List<Unit> units, NamingDecision[] decided, EpisodeIndex index,
      Map<Integer, TrackEmbedding> embeddings, QualityBand atMost) {
    Unit unit = units.get(self);
    Competitor best = null;
    for (int v = 0; v < units.size(); v++) {
      Unit other = units.get(v);
      if (v == self || (decided[v] != null && decided[v].named())
          || other.band().ordinal() > atMost.ordinal()
          || index.anyCoOccur(unit.trackIds(), other.trackIds())) {
        continue;
      }
      Competitor c = nearestTrack(unit, other.trackIds(), embeddings, "unknown track " + other.trackIds().get(0));
      if (c != null && (best == null || c.similarity() > best.similarity())) {
        best = c;
      }
    }
    return best;
  }

  /** Splits clusters into naming units and measures their quality. */
  private List<Unit> units(List<TrackCluster> clusters, EpisodeIndex index, Map<Integer, TrackEmbedding> embeddings,
      Map<Integer, QualityBand> trackBands) {
    List<Unit> units = new ArrayList<>();
    for (int c = 0; c < clusters.size(); c++) {
      List<Integer> good = new ArrayList<>();
      for (int t : clusters.get(c).trackIds()) {
        if (trackBands.get(t).ordinal() <= QualityBand.MEDIUM.ordinal()) {
          good.add(t);
        }
      }
      if (!good.isEmpty()) {
        units.add(unit(c, good, index, embeddings));
      }
      for (int t : clusters.get(c).trackIds()) {
        if (!good.contains(t)) {
          units.add(unit(c, List.of(t), index, embeddings));
        }
      }
    }
    return units;
  }

  private Unit unit(int cluster, List<Integer> tracks, EpisodeIndex index, Map<Integer, TrackEmbedding> embeddings) {
    List<FaceRecord> faces = new ArrayList<>();
    tracks.forEach(t -> faces.addAll(index.facesOf(t)));
    double[] qc = measure(faces);
    float[] centroid = TrackClusterer.centroid(tracks.stream().map(embeddings::get).toList());
    return new Unit(cluster, tracks, centroid, qc[0], qc[1], band(qc));
  }

  private static QualityBand band(double[] qualityContrast) {
    return qualityContrast[1] < MIN_CONTRAST ? QualityBand.UNUSABLE : QualityBand.of(qualityContrast[0]);
  }

  /** Mean quality and contrast of the embedded faces: {@code {quality, contrast}}. */
  private double[] measure(List<FaceRecord> faces) {
    double q = 0;
    double contrast = 0;
    int n = 0;
    for (FaceRecord f : faces) {
      if (f.hasEmbedding()) {
        q += FaceScore.score(f, blurReference);
        contrast += f.contrast();
        n++;
      }
    }
    return n == 0 ? new double[] {0, 0} : new double[] {q / n, contrast / n};
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
