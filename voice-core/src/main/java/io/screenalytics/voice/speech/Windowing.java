package io.screenalytics.voice.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts speech regions into fixed windows: {@code length} seconds every {@code step} seconds from each region's
 * start, one last window flush with the region's end when the step leaves a remainder, and one window centred on a
 * region shorter than {@code length} (it then reaches into the silence around it). Each window labels the part of its
 * region nearest to its centre. Immutable and thread-safe.
 *
 * @param length window length in seconds (1.6: one GE2E partial)
 * @param step   seconds between window starts (0.4)
 */
public record Windowing(double length, double step) {

  /** 1.6 s every 0.4 s. */
  public static final Windowing DEFAULT = new Windowing(1.6, 0.4);

  /** Validates. */
  public Windowing {
    if (!(length > 0) || !(step > 0)) throw new IllegalArgumentException("length and step must be > 0");
  }

  /** Windows of all regions, in time order, indexed from 0. */
  public List<SpeechWindow> cut(List<SpeechRegion> regions) {
    List<SpeechWindow> out = new ArrayList<>();
    for (int r = 0; r < regions.size(); r++) {
      SpeechRegion region = regions.get(r);
      List<Double> starts = new ArrayList<>();
      if (region.seconds() <= length) {
        starts.add(Math.max(0, (region.start() + region.end() - length) / 2));
      } else {
        for (int k = 0; region.start() + k * step + length <= region.end() + 1e-9; k++) {
          starts.add(region.start() + k * step);
        }
        double lastEnd = starts.get(starts.size() - 1) + length;
        if (region.end() - lastEnd > 1e-6) starts.add(region.end() - length);
      }
      for (int i = 0; i < starts.size(); i++) {
        double s = starts.get(i);
        double centre = s + length / 2;
        double from = i == 0 ? region.start() : (starts.get(i - 1) + length / 2 + centre) / 2;
        double to = i == starts.size() - 1 ? region.end() : (centre + starts.get(i + 1) + length / 2) / 2;
        out.add(new SpeechWindow(out.size(), s, s + length, r, from, to));
      }
    }
    return out;
  }
}
