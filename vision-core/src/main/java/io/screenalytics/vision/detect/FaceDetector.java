package io.screenalytics.vision.detect;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelSpec;
import java.util.List;
import java.util.Map;

/**
 * Finds faces in an image, split into {@link #preprocess}, {@link #run} and {@link #postprocess} so that
 * callers can time each stage (and run pre/post-processing on other threads). Families ({@link DetectorFamily}):
 * YuNet (default), SCRFD and RetinaFace, each through its own {@link DetectorTranslator}; {@link FaceDetectors}
 * opens one by model name.
 *
 * <p>Owns a native session: open one per worker, close it when done. Not meant to be shared across threads.
 */
public interface FaceDetector extends AutoCloseable {

  /** Resizes, pads and normalises the image; pure Java. */
  DetectorInput preprocess(BgrImage image);

  /**
   * Runs the model.
   *
   * @throws io.screenalytics.vision.model.InferenceException naming the model and the input shape
   */
  Map<String, FloatTensor> run(DetectorInput input);

  /** Decodes, thresholds and suppresses; maps faces to source pixels; pure Java. */
  List<Detection> postprocess(Map<String, FloatTensor> outputs, Letterbox letterbox);

  /**
   * Faces in the image, highest score first, boxes and landmarks in the image's pixels.
   *
   * @throws io.screenalytics.vision.model.InferenceException naming the model and the input shape
   */
  default List<Detection> detect(BgrImage image) {
    DetectorInput input = preprocess(image);
    return postprocess(run(input), input.letterbox());
  }

  /** The model behind this detector (name, licence, ... for manifests). */
  ModelSpec spec();

  /** Releases the native session. Idempotent. */
  @Override void close();
}
