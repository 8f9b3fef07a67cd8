package io.screenalytics.voice.bank;

import io.screenalytics.voice.model.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * One enrolled voice: the sum of its enrolment windows' embeddings (so adding clips keeps the exact mean), how much
 * speech it was enrolled from, and from which clips; plus what review decisions taught it from episodes
 * ({@link VoiceLesson}, each with its provenance). Its centroid is the mean over both.
 *
 * @param name          full name as given
 * @param slug          identity-style id
 * @param sum           {@code float[256]}: sum of the window embeddings
 * @param windows       number of windows summed
 * @param speechSeconds seconds of speech the VAD found in the clips
 * @param clips         clip descriptions ({@code file [from-to]}), in enrolment order
 * @param learned       speech learned from episodes by review decisions, in the order taught (empty when none; a
 *                      voicebank written before lessons existed reads as none)
 */
public record Voice(String name, String slug, float[] sum, int windows, double speechSeconds, List<String> clips,
                    List<VoiceLesson> learned) {

  /** Copies the lists. */
  public Voice {
    clips = List.copyOf(clips);
    learned = learned == null ? List.of() : List.copyOf(learned);
  }

  /** An enrolled voice without lessons. */
  public Voice(String name, String slug, float[] sum, int windows, double speechSeconds, List<String> clips) {
    this(name, slug, sum, windows, speechSeconds, clips, List.of());
  }

  /** The unit-length mean embedding over enrolled and learned windows, {@code float[256]}. */
  public float[] centroid() {
    List<float[]> sums = new ArrayList<>();
    sums.add(sum);
    learned.forEach(l -> sums.add(l.sum()));
    return Vectors.meanNormalised(sums);
  }

  /** Whether it holds any speech: enrolled windows or a lesson. */
  public boolean hasSpeech() {
    return windows > 0 || !learned.isEmpty();
  }
}
