package io.screenalytics.launcher;

import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real broker and registry ({@link LocalCluster}), the catalogue's topics, and every service of {@code run} in
 * this JVM ({@link InProcessPipeline}), with the artifact store under a directory: the set-up of the launcher's ITs.
 */
final class PipelineFixture implements AutoCloseable {

  final LocalCluster cluster;
  final KafkaSettings kafka;
  final InProcessPipeline pipeline;

  private PipelineFixture(LocalCluster cluster, KafkaSettings kafka, InProcessPipeline pipeline) {
    this.cluster = cluster;
    this.kafka = kafka;
    this.pipeline = pipeline;
  }

  /** Starts it all; {@code extra} settings are added to the cluster's addresses and the store root. */
  static PipelineFixture start(Path storeRoot, Map<String, String> extra) {
    LocalCluster cluster = LocalCluster.start();
    try {
      Map<String, String> values = new LinkedHashMap<>(Map.of(
          KafkaSettings.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
          KafkaSettings.REGISTRY_URL, cluster.registryUrl(),
          "store.root", storeRoot.toString()));
      values.putAll(extra);
      Settings settings = Settings.of(values);
      KafkaSettings kafka = KafkaSettings.from(settings);
      TopicAdmin.provision(kafka);
      return new PipelineFixture(cluster, kafka, InProcessPipeline.start(settings));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      pipeline.close();
    } finally {
      cluster.close();
    }
  }
}
