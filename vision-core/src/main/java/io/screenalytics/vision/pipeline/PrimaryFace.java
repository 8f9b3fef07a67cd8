package io.screenalytics.vision.pipeline;

import io.screenalytics.vision.detect.Detection;
import java.util.Comparator;

/** Which face of an image {@link FacePipeline#embedPrimaryFace} picks. */
public enum PrimaryFace {
  /** The largest box (ties: higher score): the subject of an enrolment photo. */
  LARGEST(Comparator.comparingDouble(Detection::area).thenComparingDouble(Detection::score)),
  /** The highest detector score (ties: larger box). */
  MOST_CONFIDENT(Comparator.comparingDouble(Detection::score).thenComparingDouble(Detection::area));

  private final Comparator<Detection> order;

  PrimaryFace(Comparator<Detection> order) {
    this.order = order;
  }

  /** Orders detections so that the preferred one is the maximum. */
  public Comparator<Detection> order() {
    return order;
  }
}
