package io.screenalytics.vision.detect;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link FaceDetector} made of an ONNX session and a family's {@link DetectorTranslator}. Owns the session.
 * Not thread-safe by design: one per worker. {@link FaceDetectors#open} opens one by model name.
 */
public final class OnnxFaceDetector implements FaceDetector {

  private final OnnxModel model;
  private final DetectorTranslator translator;

  /** Takes ownership of {@code model}: closing the detector closes it. */
  public OnnxFaceDetector(OnnxModel model, DetectorTranslator translator) {
    this.model = Objects.requireNonNull(model, "model");
    this.translator = Objects.requireNonNull(translator, "translator");
  }

  /**
   * Opens YuNet (e.g. {@link io.screenalytics.vision.model.ModelCatalog#YUNET_S_DYNAMIC}), checking its hash.
   *
   * @throws io.screenalytics.vision.model.ModelException when the model is missing, corrupt or cannot be opened
   */
  public static OnnxFaceDetector yunet(ModelLocator locator, ModelSpec spec, DetectorSettings settings,
                                       SessionSettings session) {
    return new OnnxFaceDetector(OnnxModel.open(locator, spec, session), new YuNetTranslator(settings));
  }

  /**
   * Opens SCRFD (e.g. {@link io.screenalytics.vision.model.ModelCatalog#SCRFD_500M}), checking its hash.
   *
   * @throws io.screenalytics.vision.model.ModelException when the model is missing, corrupt or cannot be opened
   */
  public static OnnxFaceDetector scrfd(ModelLocator locator, ModelSpec spec, DetectorSettings settings,
                                       SessionSettings session) {
    return FaceDetectors.open(spec, DetectorFamily.SCRFD, locator, settings, session);
  }

  /**
   * Opens RetinaFace (e.g. {@link io.screenalytics.vision.model.ModelCatalog#RETINAFACE_MNET025}), checking its hash.
   *
   * @throws io.screenalytics.vision.model.ModelException when the model is missing, corrupt or cannot be opened
   */
  public static OnnxFaceDetector retinaface(ModelLocator locator, ModelSpec spec, DetectorSettings settings,
                                            SessionSettings session) {
    return FaceDetectors.open(spec, DetectorFamily.RETINAFACE, locator, settings, session);
  }

  /** The family-specific pre/post-processing. */
  public DetectorTranslator translator() {
    return translator;
  }

  @Override public DetectorInput preprocess(BgrImage image) {
    return translator.preprocess(image);
  }

  @Override public Map<String, FloatTensor> run(DetectorInput input) {
    return model.run(input.tensor());
  }

  @Override public List<Detection> postprocess(Map<String, FloatTensor> outputs, Letterbox letterbox) {
    return translator.postprocess(outputs, letterbox);
  }

  @Override public ModelSpec spec() {
    return model.spec();
  }

  @Override public void close() {
    model.close();
  }
}
