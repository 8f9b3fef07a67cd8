package io.screenalytics.identities.voice;

import io.screenalytics.identities.episode.TrackSplit;
import io.screenalytics.voice.assembly.FaceLogits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Active speaker logits of one face track over one span the active speaker stage scored: one Light-ASD logit per
 * video frame, {@code >= 0} meaning speaking (Liao et al., CVPR 2023; see {@code docs/active-speaker.md}).
 *
 * @param trackId the face track ({@code track_id} of {@code screenalytics.tracks})
 * @param startS  time of the first logit, seconds from the start of the episode
 * @param fps     logits per second (25: Light-ASD's video rate)
 * @param logits  {@code float[frames]}, frame {@code i} at {@code startS + i / fps}
 */
public record TrackLogits(int trackId, double startS, double fps, float[] logits) {

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException when {@code fps} is not positive
   */
  public TrackLogits {
    FaceLogits.checkSpan(logits, fps);
  }

  /** Time just after the last logit, seconds. */
  public double endS() {
    return startS + logits.length / fps;
  }

  /** The logit at time {@code ts} seconds, or NaN outside the span. */
  public float logitAt(double ts) {
    return FaceLogits.logitAt(logits, startS, fps, ts);
  }

  /**
   * These logits cut where {@code split}'s parts meet, each piece under the id of the part on screen at its frames
   * (frame {@code k}, at {@code startS + k / fps}, belongs to {@link TrackSplit#partAt}); unchanged (one piece,
   * this) when {@code split} is of another track or the span lies within one part.
   */
  public List<TrackLogits> cut(TrackSplit split) {
    if (split.trackId() != trackId) return List.of(this);
    List<TrackLogits> out = new ArrayList<>();
    int from = 0;
    for (int k = 1; k <= logits.length; k++) {
      if (k == logits.length || split.partAt(startS + k / fps) != split.partAt(startS + from / fps)) {
        int part = split.partAt(startS + from / fps);
        out.add(from == 0 && k == logits.length && part == 0 ? this : new TrackLogits(
            split.parts().get(part).trackId(), startS + from / fps, fps, Arrays.copyOfRange(logits, from, k)));
        from = k;
      }
    }
    return out.isEmpty() ? List.of(this) : out;
  }
}
