package io.screenalytics.voice.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named voices and the rule that names a speaker: the voice whose centroid is most cosine-similar to the speaker's
 * cluster centroid, when that similarity is at least the threshold. Stored as JSON (beside the facebank in the
 * artifact store, by the caller). Not thread-safe.
 */
public final class Voicebank {

  /** Least speech, in seconds, an enrolment must hold (the rule; under ~2 s identification fails, MODELS.md). */
  public static final double MIN_ENROL_SECONDS = 3.0;
  /**
   * Default naming threshold on the cosine of centroids: the equal-error point (0.736, EER 0.44 %) of window
   * centroids (default VAD and windows) on the shared LibriSpeech pairs, 450 same-speaker and 4,500
   * different-speaker ({@code VoiceEvaluation#librispeechCentroids}, logged by {@code VoiceFiguresIT}).
   */
  public static final double DEFAULT_THRESHOLD = 0.74;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Voice> voices = new LinkedHashMap<>();

  /** Voices in enrolment order. */
  public Collection<Voice> voices() {
    return List.copyOf(voices.values());
  }

  /**
   * Adds an analysed clip to a voice (created on first use; the same name again adds to it).
   *
   * @param name     full name
   * @param clip     description for listings, e.g. the file and range
   * @param analysis the clip's speech and window embeddings
   * @return the voice after the addition
   * @throws EnrolmentException when the clip has under {@link #MIN_ENROL_SECONDS} of speech; nothing changes
   */
  public Voice enrol(String name, String clip, VoiceAnalysis analysis) throws EnrolmentException {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a voice needs a name");
    double speech = analysis.speechSeconds();
    if (speech < MIN_ENROL_SECONDS || analysis.embeddings().isEmpty()) {
      throw new EnrolmentException(String.format(Locale.ROOT,
          "not enrolled: %s has %.1f s of speech, %.1f s needed", clip, speech, MIN_ENROL_SECONDS));
    }
    Voice old = voices.get(name);
    float[] sum = old == null ? new float[analysis.embeddings().get(0).length] : old.sum().clone();
    for (float[] e : analysis.embeddings()) {
      for (int i = 0; i < sum.length; i++) sum[i] += e[i];
    }
    List<String> clips = new ArrayList<>(old == null ? List.of() : old.clips());
    clips.add(clip);
    Voice voice = new Voice(name, slug(name), sum, (old == null ? 0 : old.windows()) + analysis.embeddings().size(),
        (old == null ? 0 : old.speechSeconds()) + speech, clips, old == null ? List.of() : old.learned());
    voices.put(name, voice);
    return voice;
  }

  /**
   * Teaches a voice speech learned from an episode by a review decision (created on first use: a person named from
   * their face needs no enrolment of their voice). A lesson of the same episode and decision replaces the earlier one.
   *
   * @param name   full name of the person named
   * @param lesson the windows' embeddings summed, with provenance
   * @return the voice after the lesson
   * @throws EnrolmentException when the lesson has under {@link #MIN_ENROL_SECONDS} of speech or no window (the same
   *                            floor as an enrolment: shorter speech does not identify); nothing changes
   */
  public Voice learn(String name, VoiceLesson lesson) throws EnrolmentException {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a voice needs a name");
    if (lesson.speechSeconds() < MIN_ENROL_SECONDS || lesson.windows() == 0) {
      throw new EnrolmentException(String.format(Locale.ROOT,
          "voice not learned: %s has %.1f s of speech on screen in %s, %.1f s needed", name, lesson.speechSeconds(),
          lesson.episodeId(), MIN_ENROL_SECONDS));
    }
    Voice old = voices.get(name);
    List<VoiceLesson> learned = new ArrayList<>(old == null ? List.of() : old.learned());
    learned.removeIf(l -> l.from(lesson.episodeId(), lesson.decision()));
    learned.add(lesson);
    Voice voice = old == null
        ? new Voice(name, slug(name), new float[lesson.sum().length], 0, 0, List.of(), learned)
        : new Voice(old.name(), old.slug(), old.sum(), old.windows(), old.speechSeconds(), old.clips(), learned);
    voices.put(name, voice);
    return voice;
  }

  /**
   * Takes back what decision {@code decision} of episode {@code episodeId} taught ({@link #learn}); a voice left
   * without speech is removed.
   *
   * @return the lessons removed, empty when there were none
   */
  public List<VoiceLesson> forget(String episodeId, int decision) {
    List<VoiceLesson> removed = new ArrayList<>();
    for (Voice v : List.copyOf(voices.values())) {
      List<VoiceLesson> kept = new ArrayList<>();
      for (VoiceLesson l : v.learned()) {
        (l.from(episodeId, decision) ? removed : kept).add(l);
      }
      if (kept.size() == v.learned().size()) continue;
      Voice after = new Voice(v.name(), v.slug(), v.sum(), v.windows(), v.speechSeconds(), v.clips(), kept);
      if (after.hasSpeech()) voices.put(v.name(), after);
      else voices.remove(v.name());
    }
    return removed;
  }

  /**
   * Names a speaker from its centroid.
   *
   * @param centroid  {@code float[256]}
   * @param threshold least cosine similarity to accept
   * @return the best voice with {@link VoiceMatch#accepted()} set, or null when the bank is empty
   */
  public VoiceMatch best(float[] centroid, double threshold) {
    VoiceMatch best = null;
    for (Voice v : voices.values()) {
      double s = Embeddings.cosine(centroid, v.centroid());
      if (best == null || s > best.similarity()) best = new VoiceMatch(v.name(), v.slug(), s, s >= threshold);
    }
    return best;
  }

  /** An identity-style id from a name: accents stripped, lower case, other runs as {@code _}. */
  public static String slug(String name) {
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String s = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return s.isEmpty() ? "voice" : s;
  }

  /** The bank as JSON bytes. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(Map.of("voices", voices.values()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the voicebank", e);
    }
  }

  /**
   * Reads a bank written by {@link #toJson()}.
   *
   * @throws IOException when the bytes are not a voicebank
   */
  public static Voicebank fromJson(byte[] bytes) throws IOException {
    Voicebank bank = new Voicebank();
    Stored stored = JSON.readValue(bytes, Stored.class);
    if (stored.voices() != null) stored.voices().forEach(v -> bank.voices.put(v.name(), v));
    return bank;
  }

  private record Stored(List<Voice> voices) {
  }
}
