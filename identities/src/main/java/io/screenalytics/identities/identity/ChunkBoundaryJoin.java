package io.screenalytics.identities.identity;

import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.episode.TrackSample;
import io.screenalytics.vision.detect.Nms;
import io.screenalytics.vision.embed.Embeddings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the tracks that an episode decoded in keyframe-aligned chunks (decoder {@code decoder.chunk.seconds})
 * split at a chunk boundary: the tracker starts afresh on each chunk as on a scene cut, so one face seen across the
 * boundary ends as one track on the last sampled frame of chunk {@code k} and starts again as another on the first
 * sampled frame of chunk {@code k + 1}. Such a pair becomes one track when the two boxes on those frames overlap
 * with an intersection over union of at least {@link #MIN_IOU} and the faces' embeddings nearest the boundary have a
 * cosine similarity of at least {@link #MIN_COSINE}; the pairs are taken greedily, highest IoU first, each track in
 * at most one pair per boundary. Boundaries are taken in order, so a face seen across several chunks ends as one
 * track.
 *
 * <p>The joined track keeps the id, first frame and samples of the earlier track followed by the later track's
 * samples, its end reason and last frame; its mean {@code det_score} is the mean over all its samples. The later
 * track's faces take the earlier track's id.
 *
 * <p>Not joined (so results may differ from a one-decoder run there): a boundary that is also a scene cut (the
 * one-decoder tracker would split there too); a track lost some frames before the boundary (ByteTrack would have
 * kept it for its buffer and matched it again); a track without an embedded face; a face whose track was dropped
 * as too short on one side of the boundary. Pure function of its inputs; thread-safe.
 */
public final class ChunkBoundaryJoin {

  /**
   * Least box IoU of the two boxes across the boundary: the tracker's own gate, ByteTrack's first association
   * accepting a cost {@code 1 - IoU} up to its reference {@code match_thresh} 0.8 (Zhang et al. 2022, ByteTrack,
   * {@code ByteTrackConfig}), i.e. IoU 0.2, since two sampled frames across a boundary are one stride apart like
   * any two consecutive sampled frames.
   */
  public static final double MIN_IOU = 0.2;

  /**
   * Least cosine similarity of the two embeddings: above the different-person maximum (0.34-0.41) and below the
   * same-person mean (0.76) measured for the project's embedders on real labelled photos
   * ({@code shared/models/MODELS.md}).
   */
  public static final double MIN_COSINE = 0.5;

  /**
   * One chunk boundary as the frames saw it.
   *
   * @param lastFrameIdx  frame_idx of the last sampled frame of chunk {@code k}
   * @param firstFrameIdx frame_idx of the first sampled frame of chunk {@code k + 1}
   * @param sceneCut      whether a scene cut precedes the first frame of chunk {@code k + 1} (then nothing is
   *                      joined there)
   */
  public record Boundary(long lastFrameIdx, long firstFrameIdx, boolean sceneCut) {

    public Boundary {
      if (firstFrameIdx <= lastFrameIdx) {
        throw new IllegalArgumentException("chunk boundary: first frame " + firstFrameIdx + " is not after the last "
            + lastFrameIdx);
      }
    }
  }

  /**
   * The outcome.
   *
   * @param tracks     the tracks after joining, in the input's order of their surviving ids
   * @param faces      the faces, with the joined tracks' ids rewritten, in the input's order
   * @param joinedInto per track id that was joined away, the id of the track it became part of
   */
  public record Joined(List<TrackRecord> tracks, List<FaceRecord> faces, Map<Integer, Integer> joinedInto) {

    public Joined {
      tracks = List.copyOf(tracks);
      faces = List.copyOf(faces);
      joinedInto = Map.copyOf(joinedInto);
    }
  }

  /**
   * The boundaries of an episode decoded in chunks, from its totals' per-chunk first and last frame indices
   * ({@code chunk_first_frame_idx}, {@code chunk_last_frame_idx}): one between each chunk and the next when both
   * have frames ({@code -1} marks a chunk without frames: nothing is joined across it). Scene cuts at the boundaries
   * are not known here ({@code sceneCut} false).
   *
   * @param firstFrameIdx per chunk in order, its first sampled frame's index or -1; empty when decoded whole
   * @param lastFrameIdx  per chunk in order, its last sampled frame's index or -1
   * @return the boundaries in order; empty for an episode decoded whole
   * @throws IllegalArgumentException when the lists differ in length
   */
  public static List<Boundary> boundaries(List<Long> firstFrameIdx, List<Long> lastFrameIdx) {
    if (firstFrameIdx.size() != lastFrameIdx.size()) {
      throw new IllegalArgumentException("chunk frame lists differ in length: " + firstFrameIdx.size() + " vs "
          + lastFrameIdx.size());
    }
    List<Boundary> out = new ArrayList<>();
    for (int k = 0; k + 1 < lastFrameIdx.size(); k++) {
      long last = lastFrameIdx.get(k);
      long first = firstFrameIdx.get(k + 1);
      if (last >= 0 && first > last) {
        out.add(new Boundary(last, first, false));
      }
    }
    return out;
  }

  private final double minIou;
  private final double minCosine;

  /** With {@link #MIN_IOU} and {@link #MIN_COSINE}. */
  public ChunkBoundaryJoin() {
    this(MIN_IOU, MIN_COSINE);
  }

  /**
   * @param minIou    least box IoU, 0..1
   * @param minCosine least cosine similarity, -1..1
   * @throws IllegalArgumentException when a bound is out of its range
   */
  public ChunkBoundaryJoin(double minIou, double minCosine) {
    if (!(minIou >= 0 && minIou <= 1) || !(minCosine >= -1 && minCosine <= 1)) {
      throw new IllegalArgumentException("minIou must be in [0, 1] and minCosine in [-1, 1]: " + minIou + ", "
          + minCosine);
    }
    this.minIou = minIou;
    this.minCosine = minCosine;
  }

  /**
   * Joins the tracks split at the boundaries.
   *
   * @param tracks     the episode's closed tracks, ids unique
   * @param faces      the episode's faces (embeddings as available)
   * @param boundaries the chunk boundaries, any order
   * @return the joined tracks and faces; the inputs unchanged when nothing joins
   */
  public Joined join(List<TrackRecord> tracks, List<FaceRecord> faces, List<Boundary> boundaries) {
    Map<Integer, TrackRecord> byId = new LinkedHashMap<>();
    tracks.forEach(t -> byId.put(t.trackId(), t));
    Map<Integer, List<FaceRecord>> embedded = new HashMap<>();
    for (FaceRecord f : faces) {
      if (f.hasEmbedding()) {
        embedded.computeIfAbsent(f.trackId(), k -> new ArrayList<>()).add(f);
      }
    }
    embedded.values().forEach(l -> l.sort(Comparator.comparingLong(FaceRecord::frameIdx)));
    Map<Integer, Integer> joinedInto = new HashMap<>();
    List<Boundary> ordered = boundaries.stream().sorted(Comparator.comparingLong(Boundary::lastFrameIdx)).toList();
    for (Boundary b : ordered) {
      if (b.sceneCut()) {
        continue;
      }
      List<TrackRecord> ending = byId.values().stream().filter(t -> !t.samples().isEmpty() && t.lastFrameIdx() == b.lastFrameIdx()).toList();
      List<TrackRecord> starting = byId.values().stream().filter(t -> !t.samples().isEmpty() && t.firstFrameIdx() == b.firstFrameIdx())
          .toList();
      List<double[]> pairs = new ArrayList<>();
      for (TrackRecord e : ending) {
        FaceRecord eFace = last(embedded.get(e.trackId()));
        for (TrackRecord s : starting) {
          FaceRecord sFace = first(embedded.get(s.trackId()));
          if (eFace == null || sFace == null) {
            continue;
          }
          double iou = Nms.iou(lastSample(e).bboxXyxy(), s.samples().get(0).bboxXyxy());
          double cos = Embeddings.cosine(eFace.embedding(), sFace.embedding());
          if (iou >= minIou && cos >= minCosine) {
            pairs.add(new double[] {iou, cos, e.trackId(), s.trackId()});
          }
        }
      }
      pairs.sort(Comparator.<double[]>comparingDouble(p -> -p[0]).thenComparingDouble(p -> -p[1]));
      Set<Integer> used = new HashSet<>();
      for (double[] p : pairs) {
        int e = (int) p[2];
        int s = (int) p[3];
        if (used.contains(e) || used.contains(s)) {
          continue;
        }
        used.add(e);
        used.add(s);
        byId.put(e, merge(byId.get(e), byId.remove(s)));
        joinedInto.put(s, e);
        List<FaceRecord> later = embedded.remove(s);
        if (later != null) {
          embedded.computeIfAbsent(e, k -> new ArrayList<>()).addAll(later);
        }
      }
    }
    if (joinedInto.isEmpty()) {
      return new Joined(tracks, faces, Map.of());
    }
    // chains (a -> b, then a's merged track -> c) all point at the first track's id
    Map<Integer, Integer> root = new HashMap<>();
    for (Integer id : joinedInto.keySet()) {
      int r = id;
      while (joinedInto.containsKey(r)) {
        r = joinedInto.get(r);
      }
      root.put(id, r);
    }
    List<FaceRecord> out = new ArrayList<>(faces.size());
    for (FaceRecord f : faces) {
      Integer r = root.get(f.trackId());
      out.add(r == null ? f : new FaceRecord(f.faceId(), f.frameIdx(), f.ts(), r, f.bboxXyxy(), f.detScore(),
          f.contrast(), f.blur(), f.embedding(), f.skipReason(), f.thumbnailJpeg()));
    }
    return new Joined(new ArrayList<>(byId.values()), out, root);
  }

  private static TrackRecord merge(TrackRecord a, TrackRecord b) {
    List<TrackSample> samples = new ArrayList<>(a.samples());
    samples.addAll(b.samples());
    double sum = (double) a.meanDetScore() * a.samples().size() + (double) b.meanDetScore() * b.samples().size();
    int n = a.samples().size() + b.samples().size();
    return new TrackRecord(a.trackId(), a.firstFrameIdx(), b.lastFrameIdx(), a.firstTs(), b.lastTs(), samples,
        n == 0 ? a.meanDetScore() : (float) (sum / n), b.endReason());
  }

  private static TrackSample lastSample(TrackRecord t) {
    return t.samples().get(t.samples().size() - 1);
  }

  private static FaceRecord last(List<FaceRecord> l) {
    return l == null || l.isEmpty() ? null : l.get(l.size() - 1);
  }

  private static FaceRecord first(List<FaceRecord> l) {
    return l == null || l.isEmpty() ? null : l.get(0);
  }
}
