package io.screenalytics.identities.episode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An episode's faces and tracks, de-duplicated and indexed by track and frame.
 *
 * <p>Redelivered records overwrite earlier ones: faces are keyed by {@code face_id}, tracks by
 * {@code track_id}, and the last occurrence wins. Faces are then ordered by ({@code frame_idx},
 * {@code face_id}), tracks and track ids by id, so the result does not depend on arrival order.
 *
 * <p>The frames of a track are the union of its faces' frames and its {@link TrackSample}s' frames
 * (both mean "the track had a detection there"); gaps inside a track are not frames of the track.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class EpisodeIndex {

  private static final Comparator<FaceRecord> FACE_ORDER =
      Comparator.comparingLong(FaceRecord::frameIdx).thenComparing(FaceRecord::faceId);

  private final List<FaceRecord> faces;
  private final List<TrackRecord> tracks;
  private final List<Integer> trackIds;
  private final Map<Integer, List<FaceRecord>> facesByTrack;
  private final Map<Integer, long[]> framesByTrack;
  private final Map<Long, Double> tsByFrame;
  private final Set<Long> coOccurringPairs;
  private final List<TrackSplit> splits;

  private EpisodeIndex(List<FaceRecord> faceInput, List<TrackRecord> trackInput, List<TrackSplit> splits) {
    this.splits = List.copyOf(splits);
    Map<String, FaceRecord> faceById = new LinkedHashMap<>();
    faceInput.forEach(f -> faceById.put(f.faceId(), f));
    Map<Integer, TrackRecord> trackById = new TreeMap<>();
    trackInput.forEach(t -> trackById.put(t.trackId(), t));

    List<FaceRecord> sortedFaces = new ArrayList<>(faceById.values());
    sortedFaces.sort(FACE_ORDER);
    this.faces = List.copyOf(sortedFaces);
    this.tracks = List.copyOf(trackById.values());

    Map<Integer, List<FaceRecord>> byTrack = new TreeMap<>();
    Map<Integer, TreeSet<Long>> frameSets = new TreeMap<>();
    Map<Long, Double> ts = new TreeMap<>();
    for (FaceRecord f : faces) {
      byTrack.computeIfAbsent(f.trackId(), k -> new ArrayList<>()).add(f);
      frameSets.computeIfAbsent(f.trackId(), k -> new TreeSet<>()).add(f.frameIdx());
      ts.putIfAbsent(f.frameIdx(), f.ts());
    }
    for (TrackRecord t : tracks) {
      TreeSet<Long> set = frameSets.computeIfAbsent(t.trackId(), k -> new TreeSet<>());
      for (TrackSample s : t.samples()) {
        set.add(s.frameIdx());
        ts.putIfAbsent(s.frameIdx(), s.ts());
      }
    }
    Map<Integer, List<FaceRecord>> facesMap = new TreeMap<>();
    byTrack.forEach((k, v) -> facesMap.put(k, List.copyOf(v)));
    Map<Integer, long[]> framesMap = new TreeMap<>();
    frameSets.forEach((k, v) -> framesMap.put(k, v.stream().mapToLong(Long::longValue).toArray()));

    this.facesByTrack = facesMap;
    this.framesByTrack = framesMap;
    this.trackIds = List.copyOf(framesMap.keySet());
    this.tsByFrame = ts;
    this.coOccurringPairs = coOccurring(framesMap);
  }

  /**
   * Indexes {@code faces} and {@code tracks}; a track id seen only on faces is still a track.
   *
   * @throws NullPointerException when a list or element is null
   */
  public static EpisodeIndex of(List<FaceRecord> faces, List<TrackRecord> tracks) {
    return new EpisodeIndex(faces, tracks, List.of());
  }

  /**
   * Indexes the faces and tracks of an episode whose tracks the appearance gate split, keeping the splits.
   *
   * @param splits the tracks split, in track id order (their parts are among {@code tracks})
   * @throws NullPointerException when a list or element is null
   */
  public static EpisodeIndex of(List<FaceRecord> faces, List<TrackRecord> tracks, List<TrackSplit> splits) {
    return new EpisodeIndex(faces, tracks, splits);
  }

  /** The tracks the appearance gate split, in track id order; empty for an index it did not make. */
  public List<TrackSplit> splits() {
    return splits;
  }

  /** De-duplicated faces ordered by ({@code frame_idx}, {@code face_id}). */
  public List<FaceRecord> faces() {
    return faces;
  }

  /** De-duplicated tracks ordered by {@code track_id}. */
  public List<TrackRecord> tracks() {
    return tracks;
  }

  /** Every track id seen on a face or a track, ascending. */
  public List<Integer> trackIds() {
    return trackIds;
  }

  /** Faces of one track in frame order; empty when it has none. */
  public List<FaceRecord> facesOf(int trackId) {
    return facesByTrack.getOrDefault(trackId, List.of());
  }

  /** Sorted distinct source frame indices where the track had a detection ({@code long[F]}). */
  public long[] framesOf(int trackId) {
    long[] frames = framesByTrack.get(trackId);
    return frames == null ? new long[0] : frames.clone();
  }

  /** Time of a sampled frame, seconds, or NaN when the frame is unknown. */
  public double tsOf(long frameIdx) {
    Double t = tsByFrame.get(frameIdx);
    return t == null ? Double.NaN : t;
  }

  /** Whether two distinct tracks have a detection in the same sampled frame. */
  public boolean coOccur(int trackA, int trackB) {
    return trackA != trackB && coOccurringPairs.contains(pairKey(trackA, trackB));
  }

  /** Whether any track of {@code a} co-occurs with any track of {@code b}. */
  public boolean anyCoOccur(Collection<Integer> a, Collection<Integer> b) {
    for (int x : a) {
      for (int y : b) {
        if (coOccur(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<Long> coOccurring(Map<Integer, long[]> framesByTrack) {
    Map<Long, List<Integer>> tracksByFrame = new TreeMap<>();
    framesByTrack.forEach((track, frames) -> Arrays.stream(frames)
        .forEach(f -> tracksByFrame.computeIfAbsent(f, k -> new ArrayList<>()).add(track)));
    Set<Long> pairs = new HashSet<>();
    for (List<Integer> inFrame : tracksByFrame.values()) {
      for (int i = 0; i < inFrame.size(); i++) {
        for (int j = i + 1; j < inFrame.size(); j++) {
          pairs.add(pairKey(inFrame.get(i), inFrame.get(j)));
        }
      }
    }
    return pairs;
  }

  private static long pairKey(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return ((long) lo << 32) | (hi & 0xffffffffL);
  }
}
