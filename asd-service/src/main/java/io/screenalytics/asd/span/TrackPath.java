package io.screenalytics.asd.span;

import io.screenalytics.asd.frontend.TrackBox;
import java.util.List;
import java.util.Objects;

/**
 * A closed face track as the active speaker stage reads it: its detections at the sampled frames (every
 * {@code stride}-th source frame), from which a box at any time inside the track is interpolated. Immutable.
 *
 * @param trackId the track ({@code track_id} of {@code screenalytics.tracks})
 * @param samples the detections in time order, at least one
 */
public record TrackPath(int trackId, List<Sample> samples) {

  /**
   * One detection of the track.
   *
   * @param ts   seconds from the start of the episode (the decoder's {@code ts} timeline)
   * @param xyxy {@code float[4]}: left, top, right, bottom in source pixels
   */
  public record Sample(double ts, float[] xyxy) {
    /** Checks the box. */
    public Sample {
      Objects.requireNonNull(xyxy, "xyxy");
      if (xyxy.length != 4) throw new IllegalArgumentException("a box has 4 values, had " + xyxy.length);
    }
  }

  /**
   * Copies and checks the samples.
   *
   * @throws IllegalArgumentException when there is no sample or they are not in time order
   */
  public TrackPath {
    samples = List.copyOf(samples);
    if (samples.isEmpty()) throw new IllegalArgumentException("track " + trackId + " has no sample");
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).ts() < samples.get(i - 1).ts()) {
        throw new IllegalArgumentException("track " + trackId + ": samples out of time order at " + i);
      }
    }
  }

  /** Time of the first detection, seconds. */
  public double firstTs() {
    return samples.get(0).ts();
  }

  /** Time of the last detection, seconds. */
  public double lastTs() {
    return samples.get(samples.size() - 1).ts();
  }

  /**
   * The face box at {@code ts}: linear between the two detections around it (the track's 13-frame median in
   * {@code FaceCrops} smooths what is left), the first or last detection's outside the track.
   */
  public TrackBox boxAt(double ts) {
    int hi = 0;
    while (hi < samples.size() && samples.get(hi).ts() < ts) hi++;
    float[] b;
    if (hi == 0) {
      b = samples.get(0).xyxy();
    } else if (hi == samples.size()) {
      b = samples.get(hi - 1).xyxy();
    } else {
      Sample p = samples.get(hi - 1);
      Sample q = samples.get(hi);
      double span = q.ts() - p.ts();
      float w = span <= 0 ? 1f : (float) ((ts - p.ts()) / span);
      b = new float[4];
      for (int k = 0; k < 4; k++) b[k] = p.xyxy()[k] + w * (q.xyxy()[k] - p.xyxy()[k]);
    }
    return new TrackBox(b[0], b[1], Math.max(1f, b[2] - b[0]), Math.max(1f, b[3] - b[1]));
  }
}
