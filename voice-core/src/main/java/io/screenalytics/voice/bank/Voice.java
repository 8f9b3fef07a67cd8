package io.screenalytics.voice.bank;

import io.screenalytics.voice.model.Vectors;
import java.util.List;

/**
 * One enrolled voice: the sum of its enrolment windows' embeddings (so adding clips keeps the exact mean), how much
 * speech it was enrolled from, and from which clips.
 *
 * @param name          full name as given
 * @param slug          identity-style id
 * @param sum           {@code float[256]}: sum of the window embeddings
 * @param windows       number of windows summed
 * @param speechSeconds seconds of speech the VAD found in the clips
 * @param clips         clip descriptions ({@code file [from-to]}), in enrolment order
 */
public record Voice(String name, String slug, float[] sum, int windows, double speechSeconds, List<String> clips) {

  /** Copies the clip list. */
  public Voice {
    clips = List.copyOf(clips);
  }

  /** The unit-length mean embedding, {@code float[256]}. */
  public float[] centroid() {
    return Vectors.meanNormalised(List.of(sum));
  }
}
