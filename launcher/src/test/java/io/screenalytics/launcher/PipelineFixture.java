package io.screenalytics.launcher;

import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every service of {@code run} in this JVM ({@link InProcessPipeline}) on the test class's cluster
 * ({@link ClusterExtension}: a real broker and registry), the catalogue's topics, and the artifact store under a
 * directory: the set-up of the launcher's ITs. Closing it stops the services; the extension closes the cluster.
 */
final class PipelineFixture implements AutoCloseable {

  final KafkaSettings kafka;
  final InProcessPipeline pipeline;

  private PipelineFixture(KafkaSettings kafka, InProcessPipeline pipeline) {
    this.kafka = kafka;
    this.pipeline = pipeline;
  }

  /**
   * Creates the topics and starts the services.
   *
   * @param cluster   the class's running cluster
   * @param storeRoot the artifact store's directory
   * @param extra     settings added to the cluster's addresses and the store root
   */
  static PipelineFixture start(ClusterExtension cluster, Path storeRoot, Map<String, String> extra) {
    Map<String, String> values = cluster.settings();
    values.put("store.root", storeRoot.toString());
    values.putAll(extra);
    Settings settings = Settings.of(values);
    KafkaSettings kafka = KafkaSettings.from(settings);
    TopicAdmin.provision(kafka);
    return new PipelineFixture(kafka, InProcessPipeline.start(settings));
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
