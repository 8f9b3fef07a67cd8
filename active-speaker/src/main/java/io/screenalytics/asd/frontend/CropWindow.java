package io.screenalytics.asd.frontend;

/**
 * Where one frame's face crop is cut (the recipe of Light-ASD's {@code Columbia_test.py}), after the track's
 * smoothing: centre {@code (cx, cy)} and half-size {@code s} in pixels of the frame. The crop covers rows
 * {@code [cy - s, cy + 1.8 s)} and columns {@code [cx - 1.4 s, cx + 1.4 s)}. Immutable.
 *
 * @param cx centre column
 * @param cy centre row
 * @param s  half of the longer side of the face box
 */
public record CropWindow(float cx, float cy, float s) {
}
