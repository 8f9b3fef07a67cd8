package io.screenalytics.asd.service;

import io.screenalytics.asd.model.LightAsd;
import io.screenalytics.asd.span.SpanScorer;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one handler per worker, each with its own Light-ASD session (opened on the calling thread, so its runner
 * thread is named after the worker and counted in the service's CPU). The constructor checks the model (sha256) so a
 * missing model fails when the service is built. Thread-safe.
 */
public final class AsdHandlers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AsdHandlers.class);

  private final AsdConfig config;
  private final KafkaSettings kafka;
  private final ModelLocator locator;
  private final ModelSpec spec;
  private final List<AutoCloseable> opened = new ArrayList<>();

  /**
   * @param kafka the cluster, for counting earlier attempts on the status topic; null counts none (tests)
   * @throws java.util.NoSuchElementException             when {@code asd.model} is not an active speaker model
   * @throws io.screenalytics.vision.model.ModelException when the models directory or the model is missing or altered
   */
  public AsdHandlers(AsdConfig config, KafkaSettings kafka) {
    this.config = config;
    this.kafka = kafka;
    this.locator = ModelLocator.resolve(config.modelsDir());
    this.spec = ModelCatalog.byName(config.model(), ModelKind.ACTIVE_SPEAKER);
    locator.verify(spec);
    // the model runs on OnnxModel's runner thread while the worker waits: its CPU is the step's
    StageCpu.countDelegated("onnx-runner", OnnxModel::callerModelCpuNanos);
  }

  /** A handler with its own model session. */
  public synchronized BatchHandler<Object> newHandler() {
    EpisodeAttempts.Counter attempts = kafka == null ? EpisodeAttempts.Counter.NONE
        : EpisodeAttempts.counter(kafka, Thread.currentThread().getName() + "-attempts", AsdConfig.NAME);
    SessionSettings session = SessionSettings.cpu(Math.max(1, config.service().computeThreads()
        / config.service().workers()));
    LightAsd model = LightAsd.open(locator, spec, session);
    opened.add(model);
    return new AsdHandler(config, new SpanScorer(model, 1), spec, Clock.systemUTC(), attempts);
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
  }
}
