package io.screenalytics.identities.voice;

import io.screenalytics.voice.bank.Voicebank;
import java.util.Objects;

/**
 * An episode's voices ready to be joined to its faces: what the voice stage delivered (live) or what the episode
 * folder recorded of it ({@code voice.json}, for a rescore), and the voicebank to name the voices from.
 *
 * @param voices the voice stage's result (any state; only {@link EpisodeVoices.VoiceState#OK} has speech to join)
 * @param bank   the voicebank (an empty one names nothing)
 * @param asd    the active speaker stage's logits ({@link EpisodeAsd#NONE} without it)
 */
public record VoiceInput(EpisodeVoices voices, Voicebank bank, EpisodeAsd asd) {

  /** Checks the parts. */
  public VoiceInput {
    Objects.requireNonNull(voices, "voices");
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(asd, "asd");
  }

  /** Voices and a voicebank without active speaker scores. */
  public VoiceInput(EpisodeVoices voices, Voicebank bank) {
    this(voices, bank, EpisodeAsd.NONE);
  }
}
