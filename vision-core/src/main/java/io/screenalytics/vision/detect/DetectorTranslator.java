package io.screenalytics.vision.detect;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import java.util.List;
import java.util.Map;

/**
 * The model-family-specific halves of a detector, around the ONNX run: pure Java, no native resources, so
 * decoding is unit-testable. One implementation per family: {@link YuNetTranslator}, {@link ScrfdTranslator},
 * {@link RetinaFaceTranslator} (see {@link DetectorFamily}).
 * Implementations are immutable and thread-safe.
 */
public interface DetectorTranslator {

  /** Resizes, pads and normalises the image into the model's input tensor. */
  DetectorInput preprocess(BgrImage image);

  /**
   * Decodes the raw outputs (anchors or grid cells), thresholds the scores, suppresses overlaps and maps the
   * faces back to source pixels.
   *
   * @param outputs   the model's outputs by name
   * @param letterbox from {@link #preprocess}
   * @return faces, highest score first
   */
  List<Detection> postprocess(Map<String, FloatTensor> outputs, Letterbox letterbox);
}
