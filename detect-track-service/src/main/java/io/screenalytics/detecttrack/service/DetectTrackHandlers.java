package io.screenalytics.detecttrack.service;

import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.FaceDetector;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes one handler per worker, each with its own detector session (ONNX Runtime sessions are per worker),
 * and closes the sessions when the service stops. Intra-op threads per worker = core quota / workers.
 */
public final class DetectTrackHandlers implements AutoCloseable {

  private final DetectTrackConfig config;
  private final ModelLocator locator;
  private final List<FaceDetector> opened = new ArrayList<>();

  /**
   * @throws io.screenalytics.vision.model.ModelException when the models directory cannot be found
   */
  public DetectTrackHandlers(DetectTrackConfig config) {
    this.config = config;
    this.locator = ModelLocator.resolve(config.modelsDir());
    locator.verify(ModelCatalog.byName(config.detectorModel()));
  }

  /** A handler with a fresh detector session. */
  public synchronized io.screenalytics.runtime.kafka.BatchHandler<io.screenalytics.schemas.Frame> newHandler() {
    int threads = Math.max(1, config.service().computeThreads() / config.service().workers());
    DetectorSettings ds = DetectorSettings.defaults()
        .withMaxInputSize(config.inputSize())
        .withScoreThreshold((float) config.scoreThreshold());
    ds = new DetectorSettings(ds.maxInputSize(), ds.scoreThreshold(), (float) config.nmsIou(), ds.topK());
    FaceDetector detector = OnnxFaceDetector.yunet(locator, ModelCatalog.byName(config.detectorModel()), ds,
        SessionSettings.cpu(threads));
    opened.add(detector);
    return new DetectTrackHandler(config, detector, new FaceAligner());
  }

  @Override
  public synchronized void close() throws Exception {
    for (FaceDetector d : opened) {
      d.close();
    }
    opened.clear();
  }
}
