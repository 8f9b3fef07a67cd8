package io.screenalytics.embed.service;

import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes one handler per worker, each with its own embedder session (intra-op threads = core quota / workers),
 * and closes them when the service stops.
 */
public final class EmbedHandlers implements AutoCloseable {

  private final EmbedConfig config;
  private final ModelLocator locator;
  private final List<FaceEmbedder> opened = new ArrayList<>();

  /** @throws io.screenalytics.vision.model.ModelException when the models directory or model cannot be found */
  public EmbedHandlers(EmbedConfig config) {
    this.config = config;
    this.locator = ModelLocator.resolve(config.modelsDir());
    locator.verify(ModelCatalog.byName(config.model()));
  }

  /** A handler with a fresh embedder session. */
  public synchronized BatchHandler<FaceBatch> newHandler() {
    int threads = Math.max(1, config.service().computeThreads() / config.service().workers());
    FaceEmbedder embedder = FaceEmbedder.open(locator, ModelCatalog.byName(config.model()),
        SessionSettings.cpu(threads), config.maxBatch());
    opened.add(embedder);
    return new EmbedHandler(config, embedder);
  }

  @Override
  public synchronized void close() {
    opened.forEach(FaceEmbedder::close);
    opened.clear();
  }
}
