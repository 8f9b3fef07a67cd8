package io.screenalytics.vision.pipeline;

import io.screenalytics.vision.detect.Detection;

/**
 * One face of an image after detection, alignment and embedding. Arrays are not copied: treat as immutable.
 *
 * @param detection   the face's box, landmarks and score in the image's pixels
 * @param alignedCrop the 112x112 ArcFace crop, packed BGR24 ({@code 112 * 112 * 3} bytes)
 * @param embedding   {@code float[D]}, L2-normalised (D = 512 for fr_feature)
 */
public record FaceEmbedding(Detection detection, byte[] alignedCrop, float[] embedding) {
}
