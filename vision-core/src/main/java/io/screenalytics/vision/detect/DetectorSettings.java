package io.screenalytics.vision.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Detector post-processing and input-size settings, shared by every family.
 *
 * @param maxInputSize    the frame is scaled down (never up) so that its longer side is at most this many pixels,
 *                        then padded to the family's stride multiple (default 640, PLATFORM.md's measured size)
 * @param scoreThreshold  minimum confidence 0..1 of a kept face. Default {@value #DEFAULT_SCORE_THRESHOLD}, chosen
 *                        by looking at every YuNet detection of the shared Hamilton clip (every 3rd frame): between
 *                        0.6 and 0.8 they are mostly real faces that a 0.9 cut (OpenCV's demo value) would lose
 *                        (dim audience faces, profiles, faces cut by the frame edge) with a few hands; below 0.6
 *                        they are mostly hands, noses of profiles and dark background. Low-score faces still
 *                        help ByteTrack's second association; crop-quality gates filter before embedding.
 * @param nmsIouThreshold overlap above which the lower-scoring box is dropped (default 0.3, OpenCV
 *                        {@code FaceDetectorYN}'s default)
 * @param topK            candidates considered by NMS, best first (default 5000, OpenCV's default)
 */
public record DetectorSettings(int maxInputSize, float scoreThreshold, float nmsIouThreshold, int topK) {

  /** Default score threshold. */
  public static final float DEFAULT_SCORE_THRESHOLD = 0.6f;
  /** Default NMS IoU threshold (OpenCV {@code FaceDetectorYN}). */
  public static final float DEFAULT_NMS_IOU = 0.3f;
  /** Default maximum long side of the detector input, pixels. */
  public static final int DEFAULT_MAX_INPUT_SIZE = 640;
  /** Default NMS candidate limit (OpenCV {@code FaceDetectorYN}). */
  public static final int DEFAULT_TOP_K = 5000;

  /** Validates; throws {@link IllegalArgumentException} listing every problem. */
  public DetectorSettings {
    List<String> problems = new ArrayList<>();
    if (maxInputSize < 32) problems.add("maxInputSize must be >= 32 pixels, was " + maxInputSize);
    if (!(scoreThreshold >= 0f && scoreThreshold <= 1f)) problems.add("scoreThreshold must be in 0..1, was " + scoreThreshold);
    if (!(nmsIouThreshold > 0f && nmsIouThreshold <= 1f)) problems.add("nmsIouThreshold must be in (0, 1], was " + nmsIouThreshold);
    if (topK < 1) problems.add("topK must be >= 1, was " + topK);
    if (!problems.isEmpty()) throw new IllegalArgumentException("Invalid detector settings: " + String.join("; ", problems));
  }

  /** 640 pixels, score 0.6, NMS IoU 0.3, top 5000. */
  public static DetectorSettings defaults() {
    return new DetectorSettings(DEFAULT_MAX_INPUT_SIZE, DEFAULT_SCORE_THRESHOLD, DEFAULT_NMS_IOU, DEFAULT_TOP_K);
  }

  /** The same settings with another score threshold. */
  public DetectorSettings withScoreThreshold(float threshold) {
    return new DetectorSettings(maxInputSize, threshold, nmsIouThreshold, topK);
  }

  /** The same settings with another maximum input size. */
  public DetectorSettings withMaxInputSize(int size) {
    return new DetectorSettings(size, scoreThreshold, nmsIouThreshold, topK);
  }
}
