package io.screenalytics.embed.service;

import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one handler per worker, each with its own embedder session (intra-op threads = core quota / workers, on
 * the configured execution provider), sharing one {@link EmbedStats}; closes the
 * sessions when the service stops.
 *
 * <p>The constructor opens (and closes) a probe session, so a missing model or an unavailable execution provider
 * fails when the service is built, not when it starts consuming; each worker's own session is opened by {@link
 * #newHandler()} on the thread that calls it (the runtime may call it on the worker's thread, so that ONNX
 * Runtime's native threads belong to that worker). Thread-safe.
 */
public final class EmbedHandlers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbedHandlers.class);

  private final EmbedConfig config;
  private final ModelLocator locator;
  private final ModelSpec spec;
  private final EmbedStats stats = new EmbedStats();
  private final List<FaceEmbedder> opened = new ArrayList<>();

  /**
   * @throws io.screenalytics.vision.model.ModelException when the models directory or model cannot be found, or
   *     the execution provider is not in this ONNX Runtime build (the message says which providers are)
   */
  public EmbedHandlers(EmbedConfig config) {
    // model calls compute on OnnxModel's runner threads: their CPU counts in the calling step's (StageCpu)
    StageCpu.countDelegated("onnx-runner", OnnxModel::callerModelCpuNanos);
    this.config = config;
    this.locator = ModelLocator.resolve(config.modelsDir());
    this.spec = ModelCatalog.byName(config.model(), ModelKind.FACE_EMBEDDER);
    try (FaceEmbedder probe = FaceEmbedder.open(locator, spec, session(), config.maxBatch())) {
      LOG.info("embedder {} on {}: batching {} ({}), {} faces per call at most", spec.name(), config.provider(),
          probe.batchMode(), probe.batchModeDetail(), config.maxBatch());
    }
  }

  /** A handler with its own embedder session. */
  public synchronized BatchHandler<FaceBatch> newHandler() {
    FaceEmbedder embedder = open();
    return new EmbedHandler(config, EmbedHandler.Embedder.of(embedder), stats);
  }

  /** Metrics of every handler made here. */
  public EmbedStats stats() {
    return stats;
  }

  private synchronized FaceEmbedder open() {
    FaceEmbedder embedder = FaceEmbedder.open(locator, spec, session(), config.maxBatch());
    opened.add(embedder);
    LOG.debug("embedder session {} with {} intra-op thread(s), batching {}", opened.size(),
        session().intraOpThreads(), embedder.batchMode());
    return embedder;
  }

  /** Intra-op threads: the core quota shared by the workers; the configured execution provider. */
  private SessionSettings session() {
    return new SessionSettings(Math.max(1, config.service().computeThreads() / config.service().workers()),
        config.provider());
  }

  @Override
  public synchronized void close() {
    if (stats.snapshot().get("polls") > 0) {
      LOG.info("embed totals: {}", stats);
    }
    opened.forEach(FaceEmbedder::close);
    opened.clear();
  }
}
