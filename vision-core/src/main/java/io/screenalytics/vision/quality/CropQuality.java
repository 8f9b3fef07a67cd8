package io.screenalytics.vision.quality;

/**
 * Image-quality measures of a face crop, on its grey levels (OpenCV {@code COLOR_BGR2GRAY}).
 *
 * @param contrast standard deviation of the grey levels, 0..127.5 (0 for a flat crop)
 * @param blur     variance of the grey crop's Laplacian (3x3 kernel {@code [0 1 0; 1 -4 1; 0 1 0]}), in squared
 *                 grey levels: higher is sharper (Pech-Pacheco et al., "Diatom autofocusing in brightfield
 *                 microscopy", ICPR 2000). Only comparable between crops of the same size, e.g. aligned 112x112.
 */
public record CropQuality(float contrast, float blur) {
}
