package io.screenalytics.assembly.service;

import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.episode.TrackSample;
import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.schemas.AsdScores;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.EmbeddedFace;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeTotals;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.VoiceWindows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything assembly has received of one episode, keyed by natural keys (face id, track id) so that
 * redelivered records overwrite. Its faces are complete when the detect-track totals have arrived and the number
 * of faces and tracks received equals them; the episode is complete when, besides, its voice result has arrived
 * or the wait for it ({@link StageWait}) is over, and so has its active speaker result or its wait ({@link StageWait}).
 * Not thread-safe.
 */
final class EpisodeAccumulator {

  final String episodeId;
  final long startedAtMs;
  EpisodeRequest request;
  EpisodeTotals totals;
  String embedderModel;
  private final Map<String, FaceRecord> faces = new HashMap<>();
  private final Map<Integer, TrackRecord> tracks = new HashMap<>();
  /** Frames whose embeddings arrived, by frame index: a frame embedded or delivered twice counts once. */
  private final Set<Long> frames = new HashSet<>();
  /** The {@link #framesEmbedded()} count last published in a progress event; 0 before any. */
  int framesReported;
  /** The voice result's chunks. */
  final VoiceChunks voice = new VoiceChunks();
  /** The voice stage has been seen on this episode (a status event or a voice record). */
  boolean voiceStarted;
  /** The active speaker result's chunks. */
  final AsdChunks asd = new AsdChunks();
  /** The active speaker stage has been seen on this episode (a status event or a result record). */
  boolean asdStarted;
  /** When the faces became complete ({@link #facesComplete()}), epoch ms; -1 before. */
  long facesCompleteAtMs = -1;

  EpisodeAccumulator(String episodeId, long nowMs) {
    this.episodeId = episodeId;
    this.startedAtMs = nowMs;
  }

  void add(FaceEmbeddings frame) {
    frames.add(frame.getFrameIdx());
    embedderModel = frame.getModel();
    if (frame.getTotals() != null) {
      totals = frame.getTotals();
    }
    for (EmbeddedFace f : frame.getFaces()) {
      faces.put(f.getFaceId(), new FaceRecord(f.getFaceId(), frame.getFrameIdx(), frame.getTs(), f.getTrackId(),
          AvroValues.floats(f.getBboxXyxy()), f.getDetScore(), f.getQuality().getContrast(),
          f.getQuality().getBlur(),
          f.getEmbedding() == null ? null : AvroValues.floats(f.getEmbedding()), f.getSkipReason(),
          f.getThumbnailJpeg() == null ? null : AvroValues.bytes(f.getThumbnailJpeg())));
    }
  }

  void add(VoiceWindows chunk) {
    voiceStarted = true;
    voice.add(chunk);
  }

  void add(AsdScores chunk) {
    asdStarted = true;
    asd.add(chunk);
  }

  void add(ClosedTrack t) {
    List<TrackSample> samples = t.getSamples().stream()
        .map(s -> new TrackSample(s.getFrameIdx(), s.getTs(), AvroValues.floats(s.getBboxXyxy()), s.getDetScore()))
        .toList();
    tracks.put(t.getTrackId(), new TrackRecord(t.getTrackId(), t.getFirstFrameIdx(), t.getLastFrameIdx(),
        t.getFirstTs(), t.getLastTs(), samples, t.getMeanDetScore(), t.getEndReason()));
  }

  /**
   * The request (which names the facebank) and all faces and tracks announced by the totals have arrived. On a
   * replay the request may come after the rest: waiting for it keeps a replayed episode's cast match the same.
   */
  boolean facesComplete() {
    return request != null && totals != null && faces.size() == totals.getFaces()
        && tracks.size() == totals.getTracks();
  }

  /**
   * The faces are complete ({@link #facesComplete()}) and the voice result has arrived, or the wait for it is over:
   * {@code wait} (by whether the voice stage has started on the episode) since the faces became complete; and
   * likewise the active speaker result, or its wait {@code asdWait}.
   */
  boolean isComplete(StageWait wait, StageWait asdWait, long nowMs) {
    if (!facesComplete()) {
      return false;
    }
    if (facesCompleteAtMs < 0) {
      facesCompleteAtMs = nowMs;
    }
    long waited = nowMs - facesCompleteAtMs;
    return (voice.isComplete() || waited >= wait.bound(voiceStarted).toMillis())
        && (asd.isComplete() || waited >= asdWait.bound(asdStarted).toMillis());
  }

  /**
   * The episode's active speaker result: as the stage delivered it (its track ids rewritten where tracks were joined
   * across chunk boundaries), {@code MISSING} when the stage started on the episode and did not deliver within
   * {@code assembly.asd.wait.ms}, {@code NONE} when no active speaker stage was seen (switched off or not deployed).
   *
   * @param joinedInto per track id joined away at a chunk boundary, the id of the track it became part of
   */
  EpisodeAsd asd(Map<Integer, Integer> joinedInto) {
    if (asd.isComplete()) return asd.asd(joinedInto);
    return asdStarted
        ? EpisodeAsd.empty(EpisodeAsd.AsdState.MISSING, "asd_wait: no active speaker result within"
            + " assembly.asd.wait.ms after the faces")
        : EpisodeAsd.empty(EpisodeAsd.AsdState.NONE, "no active speaker stage seen within"
            + " assembly.asd.start.wait.ms after the faces");
  }

  /** Faces of tracks that were kept (faces of tracks dropped as too short are left out). */
  List<FaceRecord> facesOfKeptTracks() {
    List<FaceRecord> out = new ArrayList<>();
    for (FaceRecord f : faces.values()) {
      if (tracks.containsKey(f.trackId())) {
        out.add(f);
      }
    }
    return out;
  }

  List<TrackRecord> tracks() {
    return List.copyOf(tracks.values());
  }

  int faceCount() {
    return faces.size();
  }

  /** Distinct frames whose embeddings have arrived (a frame with no face counts too: embed sends every frame). */
  int framesEmbedded() {
    return frames.size();
  }

  EpisodeInfo info() {
    return new EpisodeInfo(episodeId, totals.getFps(), totals.getStride(), totals.getDurationS(), totals.getFrames(),
        totals.getSceneCuts(), totals.getSceneCutFrameIdx().size() == totals.getSceneCuts().size()
            ? totals.getSceneCutFrameIdx() : List.of(),
        totals.getTransitions().stream().map(t -> new io.screenalytics.identities.episode.Transition(t.getKind(),
            t.getStartFrameIdx(), t.getStartTs(), t.getEndFrameIdx(), t.getEndTs())).toList(),
        request == null ? null : request.getVideoUri());
  }
}
