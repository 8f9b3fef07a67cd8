package io.screenalytics.detecttrack.track;

import io.screenalytics.algorithms.assign.Assignment;
import io.screenalytics.algorithms.assign.LinearAssignment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * ByteTrack (Y. Zhang et al., "ByteTrack: Multi-Object Tracking by Associating Every Detection Box",
 * ECCV 2022), reproducing the reference {@code BYTETracker.update} of {@code ifzhang/ByteTrack}
 * ({@code yolox/tracker/byte_tracker.py}) step for step, including its quirks:
 *
 * <ol>
 *   <li>Detections split into high ({@code score > trackThresh}) and low ({@code 0.1 < score < trackThresh});
 *       a score exactly equal to {@code trackThresh} is dropped.
 *   <li>First association: activated Tracked tracks then Lost tracks, all Kalman-predicted, against high
 *       detections; cost {@code 1 - IoU} (IoU with {@code +1}, {@link Iou}), score-fused when
 *       {@link ByteTrackConfig#fuseScore()}; {@link LinearAssignment} with limit {@code matchThresh}. A
 *       matched Lost track is re-found with its id.
 *   <li>Second association: the still unmatched Tracked (never Lost) tracks against low detections, plain
 *       {@code 1 - IoU}, limit 0.5. Tracks still unmatched become Lost.
 *   <li>Unconfirmed tracks (started after frame 1 and not yet matched again, never predicted) against the
 *       high detections left over, fused cost, limit 0.7; unmatched ones are removed.
 *   <li>New tracks from the remaining high detections with {@code !(score < trackThresh + 0.1)}, in
 *       detection order. Tracks started in frame 1 are output at once, later ones from their second match.
 *   <li>Lost tracks with {@code frame - last_matched > maxTimeLost} are marked removed, but, as in the
 *       reference, stay re-findable for one more frame; a track re-found that way is dropped at once when it
 *       is lost again.
 *   <li>Tracked/Lost pairs with IoU distance below 0.15 are duplicates: the younger is dropped, the Tracked
 *       one on equal age.
 * </ol>
 *
 * <p>Track ids come from a {@link TrackIdSequence} owned by this instance (or shared, see
 * {@link #ByteTracker(ByteTrackConfig, TrackIdSequence)}), allocated when a track starts, so unconfirmed
 * tracks that die still use up ids. Not thread-safe.
 */
public final class ByteTracker {

  /** Detections at or below this score are ignored (reference: {@code scores > 0.1}). */
  public static final double LOW_SCORE_FLOOR = 0.1;
  /** Cost limit of the second association, plain IoU distance (reference: {@code thresh=0.5}). */
  public static final double SECOND_MATCH_THRESH = 0.5;
  /** Cost limit of the unconfirmed association, fused cost (reference: {@code thresh=0.7}). */
  public static final double UNCONFIRMED_MATCH_THRESH = 0.7;
  /** IoU distance below which a Tracked and a Lost track are duplicates (reference: {@code pdist < 0.15}). */
  public static final double DUPLICATE_IOU_DISTANCE = 0.15;

  private final ByteTrackConfig config;
  private final TrackIdSequence ids;
  private final KalmanFilter kf = new KalmanFilter();
  private List<STrack> tracked = new ArrayList<>();
  private List<STrack> lost = new ArrayList<>();
  /** Ids marked removed that may still sit in a pool (the reference's {@code removed_stracks}, pruned). */
  private final Set<Integer> removedIds = new HashSet<>();
  private int frameId;

  /**
   * A tracker with its own id sequence, first id 1.
   *
   * @param config parameters
   */
  public ByteTracker(ByteTrackConfig config) {
    this(config, new TrackIdSequence());
  }

  /**
   * A tracker drawing ids from a shared sequence.
   *
   * @param config parameters
   * @param ids    id source, for example shared by the successive trackers of one episode
   */
  public ByteTracker(ByteTrackConfig config, TrackIdSequence ids) {
    this.config = Objects.requireNonNull(config, "config");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** The parameters. */
  public ByteTrackConfig config() {
    return config;
  }

  /** Number of {@code update} calls so far (the reference's {@code frame_id}). */
  public int frameId() {
    return frameId;
  }

  /** Ids of tracks still held (Tracked, unconfirmed or Lost), in pool order. */
  public List<Integer> openTrackIds() {
    return List.copyOf(poolIds());
  }

  /**
   * Processes one frame. Call it for every processed frame, with an empty list when nothing was detected.
   *
   * @param detections this frame's detections, in the detector's order (order matters for ties and for the
   *                   order of new ids)
   * @return the activated Tracked tracks, in the reference's order: surviving tracks in previous order, then
   *     this frame's newly confirmed and new tracks, then re-found tracks; each carries the detection it was
   *     matched to in this frame
   */
  public TrackerOutput update(List<ScoredBox> detections) {
    frameId++;
    Set<Integer> before = poolIds();
    List<STrack> activatedNow = new ArrayList<>();
    List<STrack> refound = new ArrayList<>();
    List<STrack> lostNow = new ArrayList<>();
    List<STrack> removedNow = new ArrayList<>();

    List<STrack> high = new ArrayList<>();
    List<STrack> low = new ArrayList<>();
    double trackThresh = config.trackThresh();
    for (ScoredBox d : detections) {
      if (d.score() > trackThresh) {
        high.add(STrack.candidate(d));
      } else if (d.score() > LOW_SCORE_FLOOR && d.score() < trackThresh) {
        low.add(STrack.candidate(d));
      }
    }

    List<STrack> unconfirmed = new ArrayList<>();
    List<STrack> confirmed = new ArrayList<>();
    for (STrack t : tracked) {
      (t.isActivated() ? confirmed : unconfirmed).add(t);
    }

    // Step 2: first association, high-score detections.
    List<STrack> pool = joint(confirmed, lost);
    STrack.multiPredict(kf, pool);
    Assignment first = associate(pool, high, config.matchThresh(), config.fuseScore());
    for (Assignment.Match m : first.matches()) {
      STrack track = pool.get(m.row());
      STrack det = high.get(m.col());
      if (track.state() == TrackState.TRACKED) {
        track.update(kf, det, frameId);
        activatedNow.add(track);
      } else {
        track.reActivate(kf, det, frameId);
        refound.add(track);
      }
    }

    // Step 3: second association, low-score detections, Tracked tracks only.
    List<STrack> remaining = new ArrayList<>();
    for (int row : first.unmatchedRows()) {
      if (pool.get(row).state() == TrackState.TRACKED) {
        remaining.add(pool.get(row));
      }
    }
    Assignment second = associate(remaining, low, SECOND_MATCH_THRESH, false);
    for (Assignment.Match m : second.matches()) {
      remaining.get(m.row()).update(kf, low.get(m.col()), frameId);
      activatedNow.add(remaining.get(m.row()));
    }
    for (int row : second.unmatchedRows()) {
      STrack track = remaining.get(row);
      if (track.state() != TrackState.LOST) {
        track.markLost();
        lostNow.add(track);
      }
    }

    // Unconfirmed tracks against the high detections left from step 2.
    List<STrack> leftover = new ArrayList<>();
    for (int col : first.unmatchedCols()) {
      leftover.add(high.get(col));
    }
    Assignment third = associate(unconfirmed, leftover, UNCONFIRMED_MATCH_THRESH, config.fuseScore());
    for (Assignment.Match m : third.matches()) {
      unconfirmed.get(m.row()).update(kf, leftover.get(m.col()), frameId);
      activatedNow.add(unconfirmed.get(m.row()));
    }
    for (int row : third.unmatchedRows()) {
      STrack track = unconfirmed.get(row);
      track.markRemoved();
      removedNow.add(track);
    }

    // Step 4: new tracks.
    Set<Integer> created = new LinkedHashSet<>();
    double detThresh = config.detThresh();
    for (int col : third.unmatchedCols()) {
      STrack track = leftover.get(col);
      if (track.score() < detThresh) {
        continue;
      }
      track.activate(kf, frameId, ids.next());
      activatedNow.add(track);
      created.add(track.trackId());
    }

    // Step 5: lost-track expiry, on the lost list as it was before this frame.
    for (STrack track : lost) {
      if (frameId - track.endFrame() > config.maxTimeLost()) {
        track.markRemoved();
        removedNow.add(track);
      }
    }

    List<STrack> stillTracked = new ArrayList<>();
    for (STrack t : tracked) {
      if (t.state() == TrackState.TRACKED) {
        stillTracked.add(t);
      }
    }
    tracked = joint(joint(stillTracked, activatedNow), refound);
    lost = subtract(lost, idsOf(tracked));
    lost.addAll(lostNow);
    // Quirk: filtered against the removed ids of earlier frames only, so this frame's expired tracks
    // stay re-findable for one more frame.
    lost = subtract(lost, removedIds);
    for (STrack t : removedNow) {
      removedIds.add(t.trackId());
    }
    removeDuplicates();

    Set<Integer> after = poolIds();
    removedIds.retainAll(after);
    List<Integer> ended = new ArrayList<>();
    before.addAll(created);
    for (int id : before) {
      if (!after.contains(id)) {
        ended.add(id);
      }
    }
    List<TrackedBox> out = new ArrayList<>();
    for (STrack t : tracked) {
      if (t.isActivated()) {
        out.add(t.toOutput());
      }
    }
    return new TrackerOutput(frameId, out, ended);
  }

  private static Assignment associate(
      List<STrack> tracks, List<STrack> dets, double limit, boolean fuseScore) {
    List<BBox> trackBoxes = new ArrayList<>(tracks.size());
    for (STrack t : tracks) {
      trackBoxes.add(t.box());
    }
    List<BBox> detBoxes = new ArrayList<>(dets.size());
    double[] scores = new double[dets.size()];
    for (int i = 0; i < dets.size(); i++) {
      detBoxes.add(dets.get(i).box());
      scores[i] = dets.get(i).score();
    }
    double[][] cost = Iou.distance(trackBoxes, detBoxes);
    if (fuseScore) {
      Iou.fuseScore(cost, scores);
    }
    return LinearAssignment.solve(cost, dets.size(), limit);
  }

  /** Reference {@code remove_duplicate_stracks(tracked, lost)}. */
  private void removeDuplicates() {
    if (tracked.isEmpty() || lost.isEmpty()) {
      return;
    }
    Set<STrack> dropTracked = new HashSet<>();
    Set<STrack> dropLost = new HashSet<>();
    for (STrack p : tracked) {
      for (STrack q : lost) {
        if (1 - Iou.iou(p.box(), q.box()) < DUPLICATE_IOU_DISTANCE) {
          if (p.age() > q.age()) {
            dropLost.add(q);
          } else {
            dropTracked.add(p);
          }
        }
      }
    }
    tracked.removeAll(dropTracked);
    lost.removeAll(dropLost);
  }

  /** Reference {@code joint_stracks}: a then b, first occurrence of each id. */
  private static List<STrack> joint(List<STrack> a, List<STrack> b) {
    Map<Integer, STrack> byId = new LinkedHashMap<>();
    for (STrack t : a) {
      byId.putIfAbsent(t.trackId(), t);
    }
    for (STrack t : b) {
      byId.putIfAbsent(t.trackId(), t);
    }
    return new ArrayList<>(byId.values());
  }

  /** Reference {@code sub_stracks}: a without the given ids, first position of each id. */
  private static List<STrack> subtract(List<STrack> a, Set<Integer> drop) {
    Map<Integer, STrack> byId = new LinkedHashMap<>();
    for (STrack t : a) {
      byId.put(t.trackId(), t);
    }
    byId.keySet().removeAll(drop);
    return new ArrayList<>(byId.values());
  }

  private static Set<Integer> idsOf(List<STrack> tracks) {
    Set<Integer> out = new HashSet<>();
    for (STrack t : tracks) {
      out.add(t.trackId());
    }
    return out;
  }

  private Set<Integer> poolIds() {
    Set<Integer> out = new LinkedHashSet<>();
    for (STrack t : tracked) {
      out.add(t.trackId());
    }
    for (STrack t : lost) {
      out.add(t.trackId());
    }
    return out;
  }
}
