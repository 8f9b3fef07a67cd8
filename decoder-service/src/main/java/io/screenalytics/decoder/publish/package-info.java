/**
 * Turning decoded frames into what the decoder publishes: {@link io.screenalytics.decoder.publish.Rotation}
 * (the quarter turn that makes a file with a display matrix upright), {@link
 * io.screenalytics.decoder.publish.FrameEncoder} (area scaling to a long-side cap, the turn, JPEG encoding;
 * OpenCV) and {@link io.screenalytics.decoder.publish.ClaimCheck} (frames too large for the frames topic go
 * to the artifact store and travel as a URI). No Kafka.
 *
 * <p>Units: sizes in pixels, rotations in degrees clockwise, thresholds in bytes.
 */
package io.screenalytics.decoder.publish;
