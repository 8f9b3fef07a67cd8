package io.screenalytics.identities;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankMatcher;
import io.screenalytics.identities.facebank.SeedMatch;
import io.screenalytics.identities.identity.ThumbnailSelector;
import io.screenalytics.identities.identity.TrackCluster;
import io.screenalytics.identities.identity.TrackClusterer;
import io.screenalytics.identities.identity.TrackEmbedding;
import io.screenalytics.identities.identity.TrackPooling;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.identities.screentime.ScreenTimeCalculator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Episode assembly: tracks to identities to screen time, pure computation (no I/O).
 *
 * <ol>
 *   <li>de-duplicate faces by {@code face_id} and tracks by {@code track_id} ({@link EpisodeIndex});
 *   <li>one embedding per track, quality-weighted ({@link TrackPooling}); tracks without an
 *       embedded face are unassigned;
 *   <li>average-linkage clustering of tracks with the same-frame cannot-link rule
 *       ({@link TrackClusterer});
 *   <li>naming from the facebank and from the episode's own named tracks, with thresholds by face quality and a
 *       margin over the runner-up, and merging of units named alike unless they co-occur
 *       ({@link io.screenalytics.identities.naming.EpisodeNaming}, {@code IdentityNaming});
 *   <li>screen time per identity ({@link ScreenTimeCalculator}), identities ordered by it, unknowns
 *       numbered {@code unknown_01}, ... in that order;
 *   <li>best thumbnails per identity ({@link ThumbnailSelector});
 *   <li>the nearest cast seed of every embedded face ({@link FacebankMatcher#matchFace}).
 * </ol>
 *
 * <p>Deterministic: the same faces, tracks, facebank and settings, in any arrival order, give the same
 * result. Stateless; thread-safe.
 */
public final class EpisodeAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(EpisodeAssembler.class);

  /** Id of the screen-time row of tracks that could not be assigned. */
  public static final String UNASSIGNED_ID = "unassigned";

  /**
   * Assembles one episode.
   *
   * @param episode  fps, stride and duration
   * @param faces    every face of the episode (embedding {@code float[D]} or null), any order,
   *                 duplicates allowed (last wins)
   * @param tracks   every closed track, any order, duplicates allowed (last wins)
   * @param facebank the cast, or {@link Facebank#empty()}
   * @param config   settings, validated here
   * @param models   models that produced the data; the {@link ModelInfo#EMBEDDER} one selects the
   *                 facebank seeds to compare against
   * @return identities and screen time
   * @throws IllegalArgumentException on invalid settings or embeddings of differing dimensions
   */
  public AssemblyResult assemble(EpisodeInfo episode, List<FaceRecord> faces, List<TrackRecord> tracks,
      Facebank facebank, AssemblyConfig config, List<ModelInfo> models) {
    return assemble(episode, faces, tracks, facebank, config, models, IdentityEdits.NONE);
  }

  /**
   * Assembles one episode with {@code edits} applied to its identity groups after naming (a reviewer's decisions,
   * {@code episode-output}'s {@code output.review}); otherwise as {@link #assemble(EpisodeInfo, List, List, Facebank, AssemblyConfig,
   * List)}.
   */
  public AssemblyResult assemble(EpisodeInfo episode, List<FaceRecord> faces, List<TrackRecord> tracks,
      Facebank facebank, AssemblyConfig config, List<ModelInfo> models, IdentityEdits edits) {
    config.validate();
    // appearance gate: split tracks whose faces' embeddings stop agreeing (identity switch), before clustering
    EpisodeIndex index = new io.screenalytics.identities.identity.AppearanceSplitter(config.appearance())
        .split(faces, tracks);
    double blurReference = config.clustering().blurReference();

    List<TrackEmbedding> embedded = new TrackPooling(blurReference).embed(index);
    Map<Integer, TrackEmbedding> byTrack = TrackClusterer.byTrackId(embedded);
    List<TrackCluster> clusters = new TrackClusterer(config.clustering()).cluster(embedded, index);

    String embedderModel = models.stream().filter(m -> ModelInfo.EMBEDDER.equals(m.role()))
        .map(ModelInfo::name).findFirst().orElse(null);
    FacebankMatcher matcher = new FacebankMatcher(facebank, embedderModel, config.matching());
    if (!facebank.isEmpty() && matcher.usableSeeds() == 0) {
      LOG.warn("episode {}: none of the facebank's {} seeds is from embedder model {}; "
          + "every identity stays unknown", episode.episodeId(), facebank.seedCount(), embedderModel);
    } else if (!clusters.isEmpty() && matcher.usableSeeds() > 0
        && matcher.bestCandidate(clusters.get(0).centroid()).isEmpty()) {
      LOG.warn("episode {}: facebank seeds differ in dimension from the {}-d embeddings; "
          + "every identity stays unknown", episode.episodeId(), clusters.get(0).centroid().length);
    }
    List<IdentityNaming.Group> named = IdentityNaming.group(clusters, matcher, index, byTrack,
        config.matching().margin(), blurReference);
    List<IdentityNaming.Group> groups = edits == IdentityEdits.NONE ? named : edits.apply(named.stream()
            .map(g -> new IdentityEdits.Group(g.name(), g.bestMatch(), g.trackIds(), g.centroid(), g.decisions()))
            .toList(), new IdentityEdits.Context(episode.episodeId(), index, byTrack, matcher)).stream()
        .map(g -> new IdentityNaming.Group(g.name(), g.bestMatch(), g.trackIds(), g.centroid(), g.naming()))
        .toList();

    ScreenTimeCalculator calculator = new ScreenTimeCalculator(episode, index);
    List<Measured> measured = new ArrayList<>();
    for (IdentityNaming.Group g : groups) {
      measured.add(new Measured(g, calculator.compute("", g.name(), g.trackIds())));
    }
    measured.sort(Comparator.comparingDouble((Measured m) -> -m.time().visibleSeconds())
        .thenComparingInt(m -> m.group().firstTrackId()));
    List<String> ids = IdentityNaming.ids(measured.stream().map(Measured::group).toList());

    ThumbnailSelector thumbnails =
        new ThumbnailSelector(config.thumbnails().perIdentity(), blurReference);
    List<Identity> identities = new ArrayList<>();
    List<ScreenTime> rows = new ArrayList<>();
    for (int i = 0; i < measured.size(); i++) {
      IdentityNaming.Group g = measured.get(i).group();
      List<FaceRecord> groupFaces = g.trackIds().stream()
          .flatMap(t -> index.facesOf(t).stream()).toList();
      identities.add(new Identity(ids.get(i), g.name(), g.bestMatch(), g.trackIds(), g.centroid(),
          thumbnails.select(groupFaces), g.decisions()));
      rows.add(measured.get(i).time().relabel(ids.get(i), g.name()));
    }

    Set<Integer> assigned = groups.stream().flatMap(g -> g.trackIds().stream())
        .collect(Collectors.toSet());
    List<Integer> unassigned = index.trackIds().stream().filter(t -> !assigned.contains(t)).toList();
    LOG.info("episode {}: {} faces, {} tracks ({} unassigned), {} clusters, {} identities ({} named)",
        episode.episodeId(), index.faces().size(), index.trackIds().size(), unassigned.size(),
        clusters.size(), identities.size(), identities.stream().filter(Identity::isKnown).count());
    Map<String, SeedMatch> seedMatches = new HashMap<>();
    for (FaceRecord f : index.faces()) {
      if (f.hasEmbedding()) {
        matcher.matchFace(f.embedding()).ifPresent(m -> seedMatches.put(f.faceId(), m));
      }
    }
    return new AssemblyResult(episode, models, config, index.faces(), index.tracks(), index.splits(), identities, rows,
        unassigned, calculator.compute(UNASSIGNED_ID, null, new TreeSet<>(unassigned)), seedMatches);
  }

  private record Measured(IdentityNaming.Group group, ScreenTime time) {}
}
