package io.screenalytics.vision.model;

import java.util.Objects;

/**
 * The two inputs of an active-speaker model: the audio around a face track, and the track's face crops as gray
 * {@code faceSize x faceSize} images with values 0..255 (not normalised), one per video frame. Immutable and
 * thread-safe.
 *
 * @param audio     the audio features (for Light-ASD: 13 MFCC at 100 frames a second, any length)
 * @param faceInput name of the graph input taking the face crops (the audio one is {@link ModelSpec#inputName()})
 * @param faceSize  side of a gray face crop in pixels (112 for Light-ASD)
 * @param videoFps  video frames (face crops) a second the model expects (25 for Light-ASD)
 */
public record AudioVisualInput(AudioInput audio, String faceInput, int faceSize, double videoFps)
    implements InputSpec {

  /** Validates every field; throws {@link IllegalArgumentException} on a non-positive size or frame rate. */
  public AudioVisualInput {
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(faceInput, "faceInput");
    if (faceSize <= 0 || !(videoFps > 0)) {
      throw new IllegalArgumentException("invalid audio-visual input: faceSize and videoFps must be positive: "
          + faceSize + ", " + videoFps);
    }
  }
}
