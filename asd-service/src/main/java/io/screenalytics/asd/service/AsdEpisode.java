package io.screenalytics.asd.service;

import io.screenalytics.asd.span.TrackPath;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.SpeechSpan;
import io.screenalytics.schemas.TrackSample;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindow;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the active speaker stage has received of one episode, keyed by natural keys (track id, voice chunk) so that
 * redelivered records overwrite: the request (where the video is), the closed tracks (with their sampled boxes;
 * tracks of an episode decoded in chunks come split at the chunk boundaries), the count of tracks detect-track
 * announced on completing, and the voice result's chunks (their windows with their embeddings, for the voice across a
 * change of face; the last chunk carries the speech). Not thread-safe.
 */
final class AsdEpisode {

  final String episodeId;
  EpisodeRequest request;
  /** Tracks detect-track published for the episode ({@code tracks} of its {@code STAGE_COMPLETED}); -1 before. */
  long tracksExpected = -1;
  /** When the tracks became complete, epoch ms; -1 before. */
  long tracksCompleteAtMs = -1;
  private final Map<Integer, TrackPath> tracks = new HashMap<>();
  /** Track ids received (a track without samples counts, though it has no path). */
  private final Set<Integer> received = new HashSet<>();
  /** Each voice chunk's windows, by chunk index (a redelivered chunk overwrites). */
  private final TreeMap<Integer, Windows> voiceChunks = new TreeMap<>();

  /** One chunk's windows and their embeddings ({@code float[256]}, unboxed: 1 KB a window), parallel lists. */
  private record Windows(List<SpeechWindow> windows, List<float[]> embeddings) {}
  private int voiceChunkCount = -1;
  private VoiceStatus voiceStatus;
  private String voiceReason;
  private List<SpeechRegion> speech = List.of();

  AsdEpisode(String episodeId) {
    this.episodeId = episodeId;
  }

  void add(ClosedTrack t) {
    List<TrackPath.Sample> samples = new ArrayList<>(t.getSamples().size());
    for (TrackSample s : t.getSamples()) samples.add(new TrackPath.Sample(s.getTs(), AvroValues.floats(s.getBboxXyxy())));
    if (!samples.isEmpty()) tracks.put(t.getTrackId(), new TrackPath(t.getTrackId(), samples));
    else tracks.remove(t.getTrackId());
    received.add(t.getTrackId());
  }

  void add(VoiceWindows chunk) {
    if (voiceChunkCount != chunk.getChunks()) {
      voiceChunks.clear(); // another run of the voice stage (another chunk count) replaces what an earlier one left
      voiceChunkCount = chunk.getChunks();
    }
    List<SpeechWindow> windows = new ArrayList<>(chunk.getWindows().size());
    List<float[]> embeddings = new ArrayList<>(chunk.getWindows().size());
    for (VoiceWindow w : chunk.getWindows()) {
      windows.add(new SpeechWindow(windows.size(), w.getStartS(), w.getEndS(), w.getSpan(), w.getOwnFromS(),
          w.getOwnToS()));
      embeddings.add(AvroValues.floats(w.getEmbedding()));
    }
    voiceChunks.put(chunk.getChunk(), new Windows(windows, embeddings));
    if (chunk.getChunk() == chunk.getChunks() - 1) {
      voiceStatus = chunk.getStatus();
      voiceReason = chunk.getReason();
      List<SpeechRegion> regions = new ArrayList<>();
      for (SpeechSpan s : chunk.getSpeech()) {
        if (s.getStartS() >= 0 && s.getEndS() > s.getStartS()) regions.add(new SpeechRegion(s.getStartS(), s.getEndS()));
      }
      speech = List.copyOf(regions);
    }
  }

  /** The request and every track detect-track announced have arrived. */
  boolean tracksComplete() {
    return request != null && tracksExpected >= 0 && received.size() >= tracksExpected;
  }

  /** Every chunk of the voice result has arrived. */
  boolean voiceComplete() {
    return voiceChunkCount > 0 && voiceChunks.size() == voiceChunkCount && voiceStatus != null;
  }

  /** The voice result's status; null before it is complete. */
  VoiceStatus voiceStatus() {
    return voiceStatus;
  }

  /** Why the voice result is empty or failed, or null. */
  String voiceReason() {
    return voiceReason;
  }

  /** The speech regions of the whole episode (empty before the voice result is complete). */
  List<SpeechRegion> speech() {
    return speech;
  }

  /** The voice windows in time order (chunk by chunk), parallel to {@link #embeddings()}; empty before complete. */
  List<SpeechWindow> windows() {
    List<SpeechWindow> out = new ArrayList<>();
    if (!voiceComplete()) return out;
    for (Windows c : voiceChunks.values()) {
      for (SpeechWindow w : c.windows()) {
        out.add(new SpeechWindow(out.size(), w.start(), w.end(), w.region(), w.ownFrom(), w.ownTo()));
      }
    }
    return out;
  }

  /** Each window's GE2E embedding, {@code float[256]}, parallel to {@link #windows()}. */
  List<float[]> embeddings() {
    List<float[]> out = new ArrayList<>();
    if (!voiceComplete()) return out;
    for (Windows c : voiceChunks.values()) out.addAll(c.embeddings());
    return out;
  }

  /** The tracks with at least one sample, by id. */
  Map<Integer, TrackPath> tracks() {
    return Map.copyOf(tracks);
  }
}
