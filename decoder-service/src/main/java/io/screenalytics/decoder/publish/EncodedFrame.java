package io.screenalytics.decoder.publish;

/**
 * A frame ready to publish: upright, scaled and encoded.
 *
 * @param jpeg the encoded image (baseline JPEG); not copied, do not modify
 * @param width width of the encoded image in pixels
 * @param height height of the encoded image in pixels
 * @param sourceWidth width of the source frame after {@code rotation}, pixels: boxes found in the encoded image
 *     map to source pixels by {@code sourceWidth / width}
 * @param sourceHeight height of the source frame after {@code rotation}, pixels
 * @param rotation the turn applied to the coded frame
 */
public record EncodedFrame(byte[] jpeg, int width, int height, int sourceWidth, int sourceHeight,
    Rotation rotation) {
}
