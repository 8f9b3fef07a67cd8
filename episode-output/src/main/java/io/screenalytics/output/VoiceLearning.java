package io.screenalytics.output;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.Voicebanks;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.voice.assembly.Speaking;
import io.screenalytics.voice.bank.EnrolmentException;
import io.screenalytics.voice.bank.VoiceLesson;
import io.screenalytics.voice.bank.Voicebank;
import io.screenalytics.voice.rttm.SpeakerTurn;
import io.screenalytics.voice.speech.SpeechWindow;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A name reaches the voice (issue 29.5): when a review decision names a face identity, the speech the episode linked
 * to that face (the windows of its speaker, {@link Speaking#faceIdentity()}) is taught to the store's voicebank
 * ({@value StoreLayout#VOICEBANK}) under the person's name as a {@link VoiceLesson} with its provenance (episode,
 * decision), so that the next episode names the voice even where the person speaks off screen. In the episode itself
 * the voice takes the name with its face (its speaker is the face identity's, {@code speech.rttm} and the identity's
 * {@code speaking_s} in {@code screen_time.json}); the episode's copy of the voicebank it was run with
 * ({@code voicebank.json}, checksummed in its manifest) stays as it was. Undoing the decision forgets the lesson.
 * Used by {@link EpisodeReview}. Stateless.
 */
final class VoiceLearning {

  private VoiceLearning() {}

  /**
   * Teaches the voice linked to the named tracks.
   *
   * @param result   the episode with the decision applied (its voices linked to its identities)
   * @param trackIds the tracks the decision named
   * @param person   the name given
   * @param seq      the decision's {@code seq}
   * @return one line saying what was learned or why nothing was; empty when the episode has no voices
   * @throws IOException when the store fails
   */
  static Optional<String> teach(ArtifactStore store, AssemblyResult result, List<Integer> trackIds, String person,
      int seq) throws IOException {
    EpisodeSpeech speech = result.speech();
    String episodeId = result.episode().episodeId();
    if (speech.result() == null || speech.voices().state() != EpisodeVoices.VoiceState.OK) {
      return Optional.empty();
    }
    Set<Integer> named = new HashSet<>(trackIds);
    Identity face = result.identities().stream().filter(i -> i.trackIds().stream().anyMatch(named::contains))
        .findFirst().orElse(null);
    Speaking speaker = face == null ? null : speech.speakerOfFace(face.id()).orElse(null);
    if (speaker == null) {
      return Optional.of("voice: no speech of " + person + "'s face in " + episodeId + ", no voice learned");
    }
    VoiceLesson lesson = lesson(speech, speaker.speaker(), episodeId, seq, face.id());
    try {
      Voicebank bank = Voicebanks.load(store);
      bank.learn(person, lesson);
      store.put(StoreLayout.VOICEBANK, bank.toJson());
    } catch (EnrolmentException e) {
      return Optional.of(e.getMessage());
    }
    return Optional.of(String.format(Locale.ROOT, "voice: %s learned from %.1f s of speech (%d windows) of %s in %s,"
        + " decision %d", person, lesson.speechSeconds(), lesson.windows(), speaker.speaker(), episodeId, seq));
  }

  /**
   * Takes back what decision {@code seq} of the episode taught the store's voicebank.
   *
   * @return how many seconds of learned speech were forgotten (0 when none)
   * @throws IOException when the store fails
   */
  static double forget(ArtifactStore store, String episodeId, int seq) throws IOException {
    if (store.get(StoreLayout.VOICEBANK).isEmpty()) {
      return 0;
    }
    Voicebank bank = Voicebanks.load(store);
    List<VoiceLesson> removed = bank.forget(episodeId, seq);
    if (!removed.isEmpty()) {
      store.put(StoreLayout.VOICEBANK, bank.toJson());
    }
    return removed.stream().mapToDouble(VoiceLesson::speechSeconds).sum();
  }

  /**
   * The windows of speaker {@code label}, summed: each window whose own span (the part of its region it labels) lies
   * in the speaker's turns for at least half of it; the seconds are those of the own spans inside the turns.
   */
  private static VoiceLesson lesson(EpisodeSpeech speech, String label, String episodeId, int seq, String identity) {
    List<SpeechWindow> windows = speech.voices().windows();
    List<float[]> embeddings = speech.voices().embeddings();
    List<SpeakerTurn> turns = speech.result().turns().stream().filter(t -> label.equals(t.speaker())).toList();
    float[] sum = new float[embeddings.isEmpty() ? 0 : embeddings.get(0).length];
    int n = 0;
    double seconds = 0;
    for (int i = 0; i < windows.size(); i++) {
      SpeechWindow w = windows.get(i);
      double inTurns = 0;
      for (SpeakerTurn t : turns) {
        inTurns += Math.max(0, Math.min(w.ownTo(), t.end()) - Math.max(w.ownFrom(), t.start()));
      }
      if (inTurns > 0 && inTurns >= 0.5 * (w.ownTo() - w.ownFrom())) {
        float[] e = embeddings.get(i);
        for (int k = 0; k < sum.length; k++) {
          sum[k] += e[k];
        }
        n++;
        seconds += inTurns;
      }
    }
    return new VoiceLesson(episodeId, seq, identity, sum, n, seconds);
  }
}
