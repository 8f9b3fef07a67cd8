package io.screenalytics.identities.episode;

import java.util.Objects;

/**
 * A gradual transition (a fade to or from black) the decoder found, reported apart from scene cuts.
 *
 * @param kind          {@code fade_out} or {@code fade_in}
 * @param startFrameIdx frame_idx of its first frame
 * @param startTs       ts of its first frame, seconds on the ts timeline
 * @param endFrameIdx   frame_idx of its last frame, at least {@code startFrameIdx}
 * @param endTs         ts of its last frame, seconds
 */
public record Transition(String kind, long startFrameIdx, double startTs, long endFrameIdx, double endTs) {

  /**
   * @throws IllegalArgumentException if the kind is missing or the frames are out of order
   */
  public Transition {
    Objects.requireNonNull(kind, "kind");
    if (endFrameIdx < startFrameIdx) {
      throw new IllegalArgumentException("transition ends at frame " + endFrameIdx + " before it starts at "
          + startFrameIdx);
    }
  }
}
