package io.screenalytics.voice.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.model.SpeakerEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one handler per worker, each with its own speaker-model and VAD sessions (opened on the calling thread, so
 * their runner threads are named after the worker and counted in the service's CPU), sharing the artifact store.
 * The constructor checks both models (sha256) so a missing model fails when the service is built. Thread-safe.
 */
public final class VoiceHandlers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VoiceHandlers.class);

  private final VoiceConfig config;
  private final ModelLocator locator;
  private final ArtifactStore store;
  private final KafkaSettings kafka;
  private final List<AutoCloseable> opened = new ArrayList<>();

  /**
   * @param kafka the cluster, for counting earlier attempts on the status topic; null counts none (tests)
   * @throws io.screenalytics.vision.model.ModelException when the models directory or a model is missing or altered
   */
  public VoiceHandlers(VoiceConfig config, KafkaSettings kafka) {
    this.config = config;
    this.kafka = kafka;
    this.locator = ModelLocator.resolve(config.modelsDir());
    locator.verify(io.screenalytics.vision.model.ModelCatalog.GE2E);
    locator.verify(io.screenalytics.vision.model.ModelCatalog.SILERO_VAD);
    this.store = ArtifactStores.open(config.storeSettings());
    // the models run on OnnxModel's runner thread while the worker waits: their CPU is the analyse step's
    StageCpu.countDelegated("onnx-runner", OnnxModel::callerModelCpuNanos);
  }

  /** A handler with its own model sessions. */
  public synchronized BatchHandler<EpisodeRequest> newHandler() {
    return newHandler(kafka == null ? EpisodeAttempts.Counter.NONE
        : EpisodeAttempts.counter(kafka, Thread.currentThread().getName() + "-attempts", VoiceService.NAME));
  }

  /** A handler with its own model sessions and the given count of earlier attempts. */
  synchronized BatchHandler<EpisodeRequest> newHandler(EpisodeAttempts.Counter attempts) {
    SessionSettings session = SessionSettings.cpu(Math.max(1, config.service().computeThreads()
        / config.service().workers()));
    SpeakerEncoder encoder = SpeakerEncoder.open(locator, session, config.batch());
    opened.add(encoder);
    SileroVad vad = SileroVad.open(locator);
    opened.add(vad);
    WindowCache cache = config.cache() ? new StoreWindowCache(store) : WindowCache.NONE;
    return new VoiceHandler(config, new VoiceAnalyzer(encoder, vad, config.detector(), config.windowing()), cache,
        attempts);
  }

  @Override public synchronized void close() {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", c, e.toString());
      }
    }
    opened.clear();
    try {
      store.close();
    } catch (IOException e) {
      LOG.warn("closing the artifact store failed: {}", e.toString());
    }
  }
}
