package io.screenalytics.voice.assembly;

import java.util.List;

/**
 * When one face identity of the episode is on screen.
 *
 * @param identityId the identity's id ({@code lin_manuel_miranda}, {@code unknown_03})
 * @param name       its cast name, or null when unnamed
 * @param visible    {@code double[2]} intervals in seconds, sorted and disjoint
 */
public record FacePresence(String identityId, String name, List<double[]> visible) {

  /** Copies the list. */
  public FacePresence {
    visible = List.copyOf(visible);
  }

  /** Seconds of {@code [from, to)} during which the identity is visible. */
  public double overlap(double from, double to) {
    double s = 0;
    for (double[] v : visible) s += Math.max(0, Math.min(to, v[1]) - Math.max(from, v[0]));
    return s;
  }
}
