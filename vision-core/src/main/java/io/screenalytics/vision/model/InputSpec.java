package io.screenalytics.vision.model;

/**
 * What a model's input is, typed by modality: {@link ImageInput} for face models, {@link AudioInput} for voice
 * models, {@link AudioVisualInput} for active-speaker models. {@link ModelKind} says which one a kind of model takes.
 */
public sealed interface InputSpec permits ImageInput, AudioInput, AudioVisualInput {
}
