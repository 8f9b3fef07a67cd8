package io.screenalytics.vision.detect;

import io.screenalytics.vision.model.FloatTensor;

/**
 * The result of a detector's pre-processing: the input tensor and how the image was fitted into it.
 *
 * @param tensor    {@code float[1][3][H][W]} in the model's channel order and normalisation
 * @param letterbox the mapping back to source pixels
 */
public record DetectorInput(FloatTensor tensor, Letterbox letterbox) {
}
