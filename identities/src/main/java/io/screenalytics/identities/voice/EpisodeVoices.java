package io.screenalytics.identities.voice;

import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import java.util.List;
import java.util.Objects;

/**
 * What the voice stage delivered for one episode: the input of the assembly side of voices.
 *
 * @param state      how the voice result ended ({@link VoiceState})
 * @param reason     why the result is empty or failed ({@code no_audio: ...}, {@code corrupt: ...},
 *                   {@code voice_wait: ...}), or null when {@link VoiceState#OK}
 * @param windows    the embedded windows in time order (empty unless {@link VoiceState#OK})
 * @param embeddings {@code float[windows][256]}, L2-normalised GE2E embeddings, one per window
 * @param speech     speech regions of the whole episode, seconds, in time order
 */
public record EpisodeVoices(VoiceState state, String reason, List<SpeechWindow> windows, List<float[]> embeddings,
                            List<SpeechRegion> speech) {

  /** How an episode's voice result ended. */
  public enum VoiceState {
    /** Speech analysed (possibly none found). */
    OK,
    /** The input has no audio stream: an empty result. */
    NO_AUDIO,
    /** The audio could not be decoded or fetched, or the voice stage crashed on it. */
    FAILED,
    /** No voice result arrived within the wait bound ({@code assembly.voice.wait.ms}), or none was recorded. */
    MISSING
  }

  /**
   * Copies the lists.
   *
   * @throws IllegalArgumentException when windows and embeddings differ in number
   */
  public EpisodeVoices {
    Objects.requireNonNull(state, "state");
    windows = List.copyOf(windows);
    embeddings = List.copyOf(embeddings);
    speech = List.copyOf(speech);
    if (windows.size() != embeddings.size()) {
      throw new IllegalArgumentException(windows.size() + " windows but " + embeddings.size() + " embeddings");
    }
  }

  /** An empty result of the given state and reason. */
  public static EpisodeVoices empty(VoiceState state, String reason) {
    return new EpisodeVoices(state, reason, List.of(), List.of(), List.of());
  }

  /** Seconds of speech found. */
  public double speechSeconds() {
    return speech.stream().mapToDouble(SpeechRegion::seconds).sum();
  }
}
