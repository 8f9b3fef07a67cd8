package io.screenalytics.identities.identity;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.episode.TrackSample;
import io.screenalytics.identities.episode.TrackSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appearance gate: splits a track where its faces stop looking like the same person (an identity switch
 * inside one ByteTrack track: two people crossing, a cut the decoder missed), before tracks are clustered.
 *
 * <p>The original system embedded every 24th frame of a track for this and split the track where consecutive
 * embeddings disagreed. Here it runs at episode assembly on the embeddings the embed service already computed
 * for every published face, so nothing is embedded twice. Per track, faces with an embedding in frame order:
 * <pre>
 *   ref_i = normalise(mean of the current part's embedded faces within the last windowFrames source frames
 *                     before face i), or the part's latest face when none is that recent
 *   face i continues the part when  cos(ref_i, e_i) >= minSimilarity;
 *   otherwise the part ends before face i when the next embedded face j agrees with i and not with ref_i:
 *          cos(ref_i, e_j) < minSimilarity  and  cos(e_i, e_j) >= minSimilarity,
 *   and then a new part starts at face i if the part so far has at least minPartFaces embedded faces (with
 *   fewer, they were the outliers: face i takes over as the part's reference, no split); else face i is an
 *   outlier (a blurred or turned crop) and the part goes on without it.
 * </pre>
 * A split takes effect at the first frame of the new part: every face (embedded or not) and every track sample
 * from that frame on belongs to the new part. The first part keeps the track id; later parts get new ids above
 * every id of the episode, in (track id, part) order, so the result is deterministic. Parts before a split end
 * with reason {@value #SPLIT_END_REASON}; the last keeps the track's own end reason.
 *
 * <p>A false split costs little (clustering merges parts that still agree: they never share a frame); a
 * missed switch merges two people. Stateless apart from its settings; thread-safe.
 */
public final class AppearanceSplitter {

  private static final Logger LOG = LoggerFactory.getLogger(AppearanceSplitter.class);

  /** End reason of a track part that ended at an appearance split. */
  public static final String SPLIT_END_REASON = "appearance_split";

  /**
   * Settings.
   *
   * @param minSimilarity cosine similarity (-1..1) under which a face no longer matches its part
   * @param windowFrames  source frames before a face whose faces form its reference (24: the original's cadence)
   * @param minPartFaces  embedded faces a part needs before it may end at a split, at least 1
   */
  public record Settings(double minSimilarity, int windowFrames, int minPartFaces) {

    /**
     * 0.35: for the ArcFace-class embedders here, different people reach at most 0.34-0.41 on single aligned
     * crops and the same person averages 0.76 ({@code shared/models/MODELS.md}); inside a track faces agree far
     * more. Measured with fr_feature on the Hamilton clip's tracks at the service defaults ({@code bench/run detect
     * appearance}): a face against its 24-frame reference scores 0.50-0.98 (median 0.85); faces of two tracks in
     * one frame score median 0.15, 95th percentile 0.42. The gate splits none of those tracks at 0.25-0.45.
     */
    public static final double DEFAULT_MIN_SIMILARITY = 0.35;
    /** 24 source frames: the original compared every 24th frame of a track. */
    public static final int DEFAULT_WINDOW_FRAMES = 24;
    /** 2 faces: one face is not evidence of a person. */
    public static final int DEFAULT_MIN_PART_FACES = 2;

    /** Validates; throws {@link IllegalArgumentException} listing every problem. */
    public Settings {
      List<String> problems = new ArrayList<>();
      if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
        problems.add("min similarity must be in [-1, 1], got " + minSimilarity);
      }
      if (windowFrames < 0) {
        problems.add("window must be >= 0 frames, got " + windowFrames);
      }
      if (minPartFaces < 1) {
        problems.add("min part faces must be >= 1, got " + minPartFaces);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid appearance split settings: " + String.join("; ", problems));
      }
    }

    /** 0.35, 24 frames, 2 faces. */
    public static Settings defaults() {
      return new Settings(DEFAULT_MIN_SIMILARITY, DEFAULT_WINDOW_FRAMES, DEFAULT_MIN_PART_FACES);
    }
  }

  private final Settings settings;

  /** @param settings thresholds, validated */
  public AppearanceSplitter(Settings settings) {
    this.settings = settings;
  }

  /** A splitter with {@link Settings#defaults()}. */
  public static AppearanceSplitter defaults() {
    return new AppearanceSplitter(Settings.defaults());
  }

  /**
   * Splits the episode's tracks and indexes the result.
   *
   * @param faces  every face of the episode, any order, duplicates allowed (last wins)
   * @param tracks every closed track, any order, duplicates allowed (last wins)
   * @return the faces (with their new track ids) and tracks after splitting, indexed, with the splits
   *     ({@link EpisodeIndex#splits()}: each part's id and first frame's time)
   * @throws IllegalArgumentException when embeddings of one track differ in dimension
   */
  public EpisodeIndex split(List<FaceRecord> faces, List<TrackRecord> tracks) {
    EpisodeIndex index = EpisodeIndex.of(faces, tracks);
    int nextId = index.trackIds().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    Map<Integer, TrackRecord> trackById = new TreeMap<>();
    index.tracks().forEach(t -> trackById.put(t.trackId(), t));
    List<FaceRecord> outFaces = new ArrayList<>(index.faces().size());
    List<TrackRecord> outTracks = new ArrayList<>(index.tracks().size());
    List<TrackSplit> trackSplits = new ArrayList<>();
    int splits = 0;
    for (int trackId : index.trackIds()) {
      List<FaceRecord> trackFaces = index.facesOf(trackId);
      List<Long> starts = partStarts(trackFaces);
      TrackRecord record = trackById.get(trackId);
      if (starts.isEmpty()) {
        outFaces.addAll(trackFaces);
        if (record != null) {
          outTracks.add(record);
        }
        continue;
      }
      splits += starts.size();
      int[] ids = new int[starts.size() + 1];
      ids[0] = trackId;
      for (int p = 1; p < ids.length; p++) {
        ids[p] = nextId++;
      }
      for (FaceRecord f : trackFaces) {
        int id = ids[part(starts, f.frameIdx())];
        outFaces.add(id == trackId ? f : withTrack(f, id));
      }
      if (record != null) {
        outTracks.addAll(splitRecord(record, starts, ids));
      }
      List<TrackSplit.Part> parts = new ArrayList<>();
      parts.add(new TrackSplit.Part(trackId, index.tsOf(index.framesOf(trackId)[0])));
      for (int p = 1; p < ids.length; p++) {
        parts.add(new TrackSplit.Part(ids[p], index.tsOf(starts.get(p - 1))));
      }
      trackSplits.add(new TrackSplit(trackId, parts));
      LOG.info("track {} split by appearance at frames {} into tracks {}", trackId, starts, ids);
    }
    if (splits > 0) {
      LOG.info("appearance gate: {} split(s) in {} tracks", splits, index.trackIds().size());
    }
    return EpisodeIndex.of(outFaces, outTracks, trackSplits);
  }

  /** First frames of the parts after the first, ascending; empty when the track stays whole. */
  List<Long> partStarts(List<FaceRecord> trackFaces) {
    List<FaceRecord> embedded = trackFaces.stream().filter(FaceRecord::hasEmbedding).toList();
    List<Long> starts = new ArrayList<>();
    List<FaceRecord> part = new ArrayList<>();
    for (int i = 0; i < embedded.size(); i++) {
      FaceRecord face = embedded.get(i);
      if (part.isEmpty()) {
        part.add(face);
        continue;
      }
      float[] ref = reference(part, face.frameIdx());
      float[] e = Embeddings.normalised(face.embedding());
      if (Embeddings.dot(ref, e) >= settings.minSimilarity()) {
        part.add(face);
        continue;
      }
      if (i + 1 < embedded.size()) {
        float[] next = Embeddings.normalised(embedded.get(i + 1).embedding());
        if (Embeddings.dot(ref, next) < settings.minSimilarity() && Embeddings.dot(e, next) >= settings.minSimilarity()) {
          if (part.size() >= settings.minPartFaces()) {
            starts.add(face.frameIdx());
          }
          part.clear();
          part.add(face);
        }
      }
    }
    return starts;
  }

  /** The normalised mean of the part's faces within the window before {@code frameIdx}, or its latest face. */
  private float[] reference(List<FaceRecord> part, long frameIdx) {
    List<FaceRecord> recent = part.stream().filter(f -> f.frameIdx() >= frameIdx - settings.windowFrames()).toList();
    if (recent.isEmpty()) {
      recent = List.of(part.get(part.size() - 1));
    }
    double[] sum = new double[recent.get(0).embedding().length];
    for (FaceRecord f : recent) {
      Embeddings.addScaled(sum, Embeddings.normalised(f.embedding()), 1.0);
    }
    return Embeddings.normalisedOr(sum, recent.get(recent.size() - 1).embedding());
  }

  /** Index of the part holding {@code frameIdx}: the number of part starts at or before it. */
  private static int part(List<Long> starts, long frameIdx) {
    int p = 0;
    while (p < starts.size() && starts.get(p) <= frameIdx) {
      p++;
    }
    return p;
  }

  private static FaceRecord withTrack(FaceRecord f, int trackId) {
    return new FaceRecord(f.faceId(), f.frameIdx(), f.ts(), trackId, f.bboxXyxy(), f.detScore(), f.contrast(),
        f.blur(), f.embedding(), f.skipReason(), f.thumbnailJpeg());
  }

  private static List<TrackRecord> splitRecord(TrackRecord t, List<Long> starts, int[] ids) {
    List<List<TrackSample>> parts = new ArrayList<>();
    for (int p = 0; p < ids.length; p++) {
      parts.add(new ArrayList<>());
    }
    for (TrackSample s : t.samples()) {
      parts.get(part(starts, s.frameIdx())).add(s);
    }
    List<TrackRecord> out = new ArrayList<>();
    for (int p = 0; p < ids.length; p++) {
      List<TrackSample> samples = parts.get(p);
      if (samples.isEmpty()) {
        continue;
      }
      double score = 0;
      for (TrackSample s : samples) {
        score += s.detScore();
      }
      TrackSample first = samples.get(0);
      TrackSample last = samples.get(samples.size() - 1);
      out.add(new TrackRecord(ids[p], first.frameIdx(), last.frameIdx(), first.ts(), last.ts(), samples,
          (float) (score / samples.size()), p == ids.length - 1 ? t.endReason() : SPLIT_END_REASON));
    }
    return out;
  }
}
