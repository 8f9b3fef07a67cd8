package io.screenalytics.assembly.service;

import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.EpisodeVoices.VoiceState;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.SpeechSpan;
import io.screenalytics.schemas.VoiceWindow;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The {@code VoiceWindows} chunks of one episode, keyed by chunk index so a redelivered chunk overwrites. Complete
 * when every chunk of the count the chunks announce has arrived (a {@code NO_AUDIO} or {@code FAILED} result is one
 * chunk; an {@code UNKNOWN} status, from a newer writer, is read as {@code FAILED}). Not thread-safe.
 */
final class VoiceChunks {

  private final TreeMap<Integer, VoiceWindows> chunks = new TreeMap<>();

  void add(VoiceWindows chunk) {
    if (!chunks.isEmpty() && chunks.firstEntry().getValue().getChunks() != chunk.getChunks()) {
      chunks.clear(); // another run of the voice stage (another chunk count) replaces what an earlier one left
    }
    chunks.put(chunk.getChunk(), chunk);
  }

  /** Every chunk of the result has arrived. */
  boolean isComplete() {
    return !chunks.isEmpty() && chunks.size() == chunks.firstEntry().getValue().getChunks();
  }

  /**
   * The episode's voices, in window order.
   *
   * @throws IllegalStateException when not {@link #isComplete()}
   */
  EpisodeVoices voices() {
    if (!isComplete()) throw new IllegalStateException("voice result incomplete: " + chunks.size() + " chunks");
    VoiceWindows last = chunks.lastEntry().getValue();
    // UNKNOWN: a status a newer voice service added, read through the enum's default; the voices cannot be trusted
    boolean unknown = last.getStatus() == VoiceStatus.UNKNOWN;
    VoiceState state = unknown ? VoiceState.FAILED : VoiceState.valueOf(last.getStatus().name());
    String reason = unknown ? "unknown voice status (written by a newer voice service)"
        + (last.getReason() != null ? ": " + last.getReason() : "") : last.getReason();
    List<SpeechWindow> windows = new ArrayList<>();
    List<float[]> embeddings = new ArrayList<>();
    for (VoiceWindows c : chunks.values()) {
      for (VoiceWindow w : c.getWindows()) {
        windows.add(new SpeechWindow(windows.size(), w.getStartS(), w.getEndS(), w.getSpan(), w.getOwnFromS(),
            w.getOwnToS()));
        embeddings.add(AvroValues.floats(w.getEmbedding()));
      }
    }
    List<SpeechRegion> speech = new ArrayList<>();
    for (SpeechSpan s : last.getSpeech()) speech.add(new SpeechRegion(s.getStartS(), s.getEndS()));
    return new EpisodeVoices(state, reason, windows, embeddings, speech);
  }
}
