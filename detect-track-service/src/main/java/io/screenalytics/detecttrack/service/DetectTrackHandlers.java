package io.screenalytics.detecttrack.service;

import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.schemas.Frame;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.vision.align.FaceAligner;
import io.screenalytics.vision.detect.FaceDetector;
import io.screenalytics.vision.detect.FaceDetectors;
import io.screenalytics.vision.image.JpegDecoder;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one handler per worker, each with its own detector session (ONNX Runtime sessions are per worker),
 * and closes the sessions when the service stops. Intra-op threads per worker = core quota / workers.
 * Thread-safe.
 */
public final class DetectTrackHandlers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DetectTrackHandlers.class);

  private final DetectTrackConfig config;
  /** One store (one S3 client) for every worker's claim-checked frames. */
  private final ArtifactStore frames;
  private final KafkaSettings kafka;
  private final ModelLocator locator;
  private final List<AutoCloseable> opened = new ArrayList<>();

  /**
   * Checks the detector model's file and hash once, before any worker starts.
   *
   * @throws io.screenalytics.vision.model.ModelException when the models directory or the model cannot be found,
   *     or the file's sha256 differs
   */
  public DetectTrackHandlers(DetectTrackConfig config) {
    this(config, Map.of());
  }

  /**
   * @param storeSettings the {@code store.*} settings, to read frames the decoder claim-checked into the store
   * @throws io.screenalytics.vision.model.ModelException when the models directory cannot be found
   */
  public DetectTrackHandlers(DetectTrackConfig config, Map<String, String> storeSettings) {
    this(config, storeSettings, null);
  }

  /**
   * @param storeSettings the {@code store.*} settings, to read frames the decoder claim-checked into the store
   * @param kafka         the cluster, to count earlier attempts on an episode on the status topic (crash
   *                      containment, {@code detect.max.episode.attempts}); null counts none
   * @throws io.screenalytics.vision.model.ModelException when the models directory cannot be found
   */
  public DetectTrackHandlers(DetectTrackConfig config, Map<String, String> storeSettings, KafkaSettings kafka) {
    // model calls compute on OnnxModel's runner threads: their CPU counts in the calling step's (StageCpu)
    StageCpu.countDelegated("onnx-runner", OnnxModel::callerModelCpuNanos);
    this.kafka = kafka;
    this.frames = ArtifactStores.open(storeSettings);
    this.config = config;
    this.locator = ModelLocator.resolve(config.modelsDir());
    locator.verify(FaceDetectors.specOf(config.detectorModel()));
  }

  /**
   * A handler with a fresh detector session.
   *
   * @throws io.screenalytics.vision.model.ModelException when the session cannot be opened
   */
  public synchronized BatchHandler<Frame> newHandler() {
    int threads = Math.max(1, config.service().computeThreads() / config.service().workers());
    FaceDetector detector = FaceDetectors.open(config.detectorModel(), locator, config.detectorSettings(),
        SessionSettings.cpu(threads));
    opened.add(detector);
    JpegDecoder jpeg = new JpegDecoder();
    opened.add(jpeg);
    EpisodeAttempts.Counter attempts = kafka == null ? EpisodeAttempts.Counter.NONE
        : EpisodeAttempts.counter(kafka, Thread.currentThread().getName() + "-attempts", DetectTrackConfig.NAME);
    return new DetectTrackHandler(config, new FaceFinder(detector, new FaceAligner(), config, jpeg), frames,
        attempts);
  }

  /** Closes every detector session and JPEG decoder opened, and the artifact store. */
  @Override
  public synchronized void close() {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not close " + c, e);
      }
    }
    opened.clear();
    try {
      frames.close();
    } catch (IOException e) {
      LOG.warn("closing the artifact store: {}", e.toString());
    }
  }
}
