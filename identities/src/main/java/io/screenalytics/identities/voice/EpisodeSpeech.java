package io.screenalytics.identities.voice;

import io.screenalytics.voice.assembly.Speaking;
import io.screenalytics.voice.assembly.VoiceAssemblyResult;
import io.screenalytics.voice.bank.Voicebank;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An episode's voices after assembly: what the voice stage delivered, the voicebank used, and the speakers and
 * turns ({@link VoiceAssemblyResult}) when there was speech to assemble.
 *
 * @param voices the voice stage's result (kept as {@code voice.json} so a rescore can link voices again)
 * @param bank   the voicebank voices were named from (kept as {@code voicebank.json}); empty for none
 * @param result speakers, turns and window segments, or null when the state is not {@code OK}
 * @param asd    the active speaker result the voices were linked with (kept as {@code asd.json} unless
 *               {@link EpisodeAsd#NONE}, so a rescore links the same way)
 */
public record EpisodeSpeech(EpisodeVoices voices, Voicebank bank, VoiceAssemblyResult result, EpisodeAsd asd) {

  /** No voice result recorded at all (episodes assembled without voices, folders written before voices). */
  public static final EpisodeSpeech NONE = new EpisodeSpeech(
      EpisodeVoices.empty(EpisodeVoices.VoiceState.MISSING, null), new Voicebank(), null);

  /** Checks the parts. */
  public EpisodeSpeech {
    Objects.requireNonNull(voices, "voices");
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(asd, "asd");
  }

  /** Speech linked without active speaker scores ({@link EpisodeAsd#NONE}). */
  public EpisodeSpeech(EpisodeVoices voices, Voicebank bank, VoiceAssemblyResult result) {
    this(voices, bank, result, EpisodeAsd.NONE);
  }

  /** Whether anything about voices is to be written ({@link #NONE} writes nothing). */
  public boolean recorded() {
    return this != NONE;
  }

  /** The speakers, by first speech; empty without a result. */
  public List<Speaking> speakers() {
    return result == null ? List.of() : result.speakers();
  }

  /** The speaker linked to face identity {@code identityId}, if any. */
  public Optional<Speaking> speakerOfFace(String identityId) {
    return speakers().stream().filter(s -> identityId.equals(s.faceIdentity())).findFirst();
  }
}
