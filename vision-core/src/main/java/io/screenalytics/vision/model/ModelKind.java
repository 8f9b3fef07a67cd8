package io.screenalytics.vision.model;

/** What a model does, and so which {@link InputSpec} it takes. */
public enum ModelKind {
  /** Finds faces (boxes, often 5 landmarks) in an image. */
  FACE_DETECTOR(ImageInput.class),
  /** Turns an aligned face crop into an identity vector. */
  FACE_EMBEDDER(ImageInput.class),
  /** Gives the probability of speech per audio window. */
  VOICE_ACTIVITY(AudioInput.class),
  /** Turns speech into a speaker vector. */
  SPEAKER_EMBEDDER(AudioInput.class),
  /** Says, per video frame, whether a face track is the one speaking. */
  ACTIVE_SPEAKER(AudioVisualInput.class);

  private final Class<? extends InputSpec> input;

  ModelKind(Class<? extends InputSpec> input) {
    this.input = input;
  }

  /** The input type every model of this kind declares. */
  public Class<? extends InputSpec> input() {
    return input;
  }
}
