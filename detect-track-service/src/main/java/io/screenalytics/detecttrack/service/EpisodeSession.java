package io.screenalytics.detecttrack.service;

import io.screenalytics.runtime.kafka.EpisodeOffsets;

import io.screenalytics.detecttrack.track.EpisodeTracker;
import io.screenalytics.detecttrack.track.EpisodeTrackerConfig;
import io.screenalytics.detecttrack.track.TrackIdSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Detect-track state of one episode on one worker: its tracker, the last
 * frame processed and running counts. An episode decoded in chunks (frames with {@code chunk_count} above 1) has
 * one tracker per chunk, created on the chunk's first frame and sharing one track id sequence, and its own last
 * frame per chunk; it ends once every chunk has ended ({@link #chunkEnded}). Rebuilt from the episode's first frame when its partition moves (see
 * {@link EpisodeOffsets}). Not thread-safe.
 */
final class EpisodeSession {

  final String episodeId;
  private final EpisodeTrackerConfig trackerConfig;
  private final TrackIdSequence ids = new TrackIdSequence();
  /** Per chunk (0 when decoded whole): its tracker. */
  private final Map<Integer, EpisodeTracker> trackers = new HashMap<>();
  /** Per chunk: {first, last} frame index processed. */
  private final Map<Integer, long[]> chunkFrames = new HashMap<>();
  private final Set<Integer> chunksEnded = new HashSet<>();
  /** The episode's duration as the chunks ended so far saw it, seconds. */
  double chunkedDurationS;
  final List<Double> sceneCuts = new ArrayList<>();
  final List<Long> sceneCutFrameIdx = new ArrayList<>();
  final List<io.screenalytics.schemas.SceneTransition> transitions = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  long frames;
  long faces;
  long tracksClosed;
  long tracksDropped;
  /** Faces marked for embedding. */
  long facesToEmbed;
  /** Embedding cadence in source frames, 0 = every face. */
  private final int embedEveryFrames;
  /** Per open track: {frame index, box height} of its last face marked for embedding. */
  private final Map<Integer, double[]> lastEmbedded = new HashMap<>();

  EpisodeSession(String episodeId, DetectTrackConfig config, double fps, int stride) {
    this.episodeId = episodeId;
    this.embedEveryFrames = config.embedEveryFrames();
    this.trackerConfig = new EpisodeTrackerConfig(config.trackThresh(), config.matchThresh(),
        config.trackBuffer(), fps, stride, config.maxGapSeconds(), config.minTrackLength());
  }

  /** The tracker of chunk {@code chunkIdx} (0 when decoded whole), started on first use. */
  EpisodeTracker tracker(int chunkIdx) {
    return trackers.computeIfAbsent(chunkIdx, k -> new EpisodeTracker(episodeId, trackerConfig, ids));
  }

  /**
   * Whether {@code frameIdx} of chunk {@code chunkIdx} was processed already (a frame published twice, e.g. by a
   * decoder that restarted, or a chunk decoded again).
   */
  boolean seen(int chunkIdx, long frameIdx) {
    long[] range = chunkFrames.get(chunkIdx);
    return range != null && frameIdx <= range[1];
  }

  /** Records frame {@code frameIdx} of chunk {@code chunkIdx} as processed. */
  void processed(int chunkIdx, long frameIdx) {
    chunkFrames.computeIfAbsent(chunkIdx, k -> new long[] {frameIdx, frameIdx})[1] = frameIdx;
  }

  /** The last frame index processed in chunk {@code chunkIdx}, or -1. */
  long lastFrameIdx(int chunkIdx) {
    long[] range = chunkFrames.get(chunkIdx);
    return range == null ? -1 : range[1];
  }

  /**
   * Records the end of chunk {@code chunkIdx} (its {@code chunk_last} frame or marker).
   *
   * @param durationS the episode's duration as the chunk saw it, seconds (0 for an empty chunk)
   * @return whether the chunk had not ended before
   */
  boolean chunkEnded(int chunkIdx, double durationS) {
    chunkedDurationS = Math.max(chunkedDurationS, durationS);
    return chunksEnded.add(chunkIdx);
  }

  /** Whether all {@code chunkCount} chunks have ended. */
  boolean allChunksEnded(int chunkCount) {
    return chunksEnded.size() >= chunkCount;
  }

  /** Per chunk {@code 0..chunkCount-1}: frame index of its first ({@code first} true) or last processed frame, -1. */
  List<Long> chunkFrameIdx(int chunkCount, boolean first) {
    List<Long> out = new ArrayList<>(chunkCount);
    for (int i = 0; i < chunkCount; i++) {
      long[] range = chunkFrames.get(i);
      out.add(range == null ? -1L : range[first ? 0 : 1]);
    }
    return out;
  }

  /**
   * Whether a track's face in frame {@code frameIdx} is marked for embedding (see
   * {@link DetectTrackConfig#embedEveryFrames()}): always at cadence 0; else the track's first face, a face
   * {@code embedEveryFrames} or more source frames after its last marked one, or one whose box height is under 2/3
   * or over 3/2 of the last marked one's.
   *
   * @param boxHeight the face's box height, source pixels
   */
  boolean markForEmbedding(int trackId, long frameIdx, double boxHeight) {
    double[] last = lastEmbedded.get(trackId);
    boolean mark = embedEveryFrames == 0 || last == null || frameIdx - last[0] >= embedEveryFrames
        || boxHeight < last[1] * 2 / 3 || boxHeight > last[1] * 3 / 2;
    if (mark) {
      lastEmbedded.put(trackId, new double[] {frameIdx, boxHeight});
      facesToEmbed++;
    }
    return mark;
  }

  /** Forgets the cadence state of tracks that closed. */
  void closed(int trackId) {
    lastEmbedded.remove(trackId);
  }

  void warn(String warning) {
    if (warnings.size() < 20) {
      warnings.add(warning);
    }
  }
}
