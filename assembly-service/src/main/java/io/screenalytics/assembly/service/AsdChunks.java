package io.screenalytics.assembly.service;

import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.identities.voice.EpisodeAsd.AsdState;
import io.screenalytics.identities.voice.TrackLogits;
import io.screenalytics.schemas.AsdScores;
import io.screenalytics.schemas.AsdSpan;
import io.screenalytics.schemas.AsdStatus;
import io.screenalytics.schemas.AsdTrackLogits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code AsdScores} chunks of one episode (the active speaker stage's result), keyed by chunk index so a
 * redelivered chunk overwrites. Complete when every chunk of the count the chunks announce has arrived. Not
 * thread-safe.
 */
final class AsdChunks {

  private final TreeMap<Integer, AsdScores> chunks = new TreeMap<>();

  void add(AsdScores chunk) {
    if (!chunks.isEmpty() && chunks.firstEntry().getValue().getChunks() != chunk.getChunks()) {
      chunks.clear(); // another run of the stage (another chunk count) replaces what an earlier one left
    }
    chunks.put(chunk.getChunk(), chunk);
  }

  /** Every chunk of the result has arrived. */
  boolean isComplete() {
    return !chunks.isEmpty() && chunks.size() == chunks.firstEntry().getValue().getChunks();
  }

  /**
   * The result as the voice linking takes it: {@code OK} with every track's logits per span (track ids rewritten
   * where assembly joined tracks across chunk boundaries), or {@code FAILED} with the reason (an {@code UNKNOWN}
   * status, from a newer writer, is read as {@code FAILED}).
   *
   * @param joinedInto per track id joined away at a chunk boundary, the id of the track it became part of
   * @throws IllegalStateException when not {@link #isComplete()}
   */
  EpisodeAsd asd(Map<Integer, Integer> joinedInto) {
    if (!isComplete()) throw new IllegalStateException("active speaker result incomplete: " + chunks.size() + " chunks");
    AsdScores first = chunks.firstEntry().getValue();
    if (first.getStatus() != AsdStatus.OK) {
      String reason = first.getStatus() == AsdStatus.UNKNOWN
          ? "unknown active speaker status (written by a newer asd service)"
              + (first.getReason() != null ? ": " + first.getReason() : "")
          : first.getReason();
      return EpisodeAsd.empty(AsdState.FAILED, reason);
    }
    List<TrackLogits> tracks = new ArrayList<>();
    for (AsdScores c : chunks.values()) {
      for (AsdSpan s : c.getSpans()) {
        for (AsdTrackLogits t : s.getTracks()) {
          float[] logits = new float[t.getLogits().size()];
          for (int i = 0; i < logits.length; i++) logits[i] = t.getLogits().get(i);
          tracks.add(new TrackLogits(joinedInto.getOrDefault(t.getTrackId(), t.getTrackId()), s.getStartS(),
              c.getFps(), logits));
        }
      }
    }
    return new EpisodeAsd(AsdState.OK, first.getReason(), first.getModel(), tracks);
  }
}
