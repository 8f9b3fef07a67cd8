package io.screenalytics.cluster.testing;

import io.screenalytics.cluster.LocalCluster;
import io.screenalytics.cluster.LocalClusterSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The integration tests' cluster, set up once per test class: a real KRaft broker and the schema registry
 * ({@link LocalCluster#start(LocalClusterSettings)} with the settings of the environment), an optional set-up step
 * (creating the catalogue's topics, typically), and the cluster closed after the class. Register it as a static
 * field so that every test of the class, run together or alone, finds the cluster started:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClusterExtension CLUSTER = ClusterExtension.withSetUp(s -> TopicAdmin.provision(
 *     KafkaSettings.from(Settings.of(s))));
 * ... CLUSTER.settings() ...   // bootstrap.servers and schema.registry.url
 * }</pre>
 *
 * <p>Not thread-safe: JUnit calls it from the class's thread; the accessors may be read from any thread once the
 * class's tests run.
 */
public final class ClusterExtension implements BeforeAllCallback, AfterAllCallback {

  /** The setting naming the brokers (as {@code KafkaSettings.BOOTSTRAP_SERVERS}). */
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  /** The setting naming the registry (as {@code KafkaSettings.REGISTRY_URL}). */
  public static final String REGISTRY_URL = "schema.registry.url";

  private final Consumer<Map<String, String>> setUp;
  private final int brokers;
  private LocalCluster cluster;

  private ClusterExtension(Consumer<Map<String, String>> setUp, int brokers) {
    this.setUp = Objects.requireNonNull(setUp, "setUp");
    this.brokers = brokers;
  }

  /** A cluster and nothing else. */
  public static ClusterExtension create() {
    return new ClusterExtension(s -> {}, 0);
  }

  /**
   * A cluster, then {@code setUp} with its {@link #settings()} (for example creating the topics) before the class's
   * first test.
   */
  public static ClusterExtension withSetUp(Consumer<Map<String, String>> setUp) {
    return new ClusterExtension(setUp, 0);
  }

  /**
   * The same extension with {@code count} Kafka nodes, each its own OS process (a controller quorum of
   * {@code count}; {@link io.screenalytics.cluster.BrokerProcesses}), whatever the environment says.
   */
  public ClusterExtension brokers(int count) {
    return new ClusterExtension(setUp, count);
  }

  /**
   * @throws IllegalStateException when the broker or registry does not start (nothing is left running)
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    LocalClusterSettings settings = LocalClusterSettings.fromEnvironment();
    cluster = LocalCluster.start(brokers > 0 ? settings.withBrokers(brokers) : settings);
    try {
      setUp.accept(settings());
    } catch (RuntimeException e) {
      cluster.close();
      cluster = null;
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  /**
   * The running cluster.
   *
   * @throws IllegalStateException outside the class's tests
   */
  public LocalCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("the cluster runs only during the test class (register the extension "
          + "on a static field)");
    }
    return cluster;
  }

  /** {@code bootstrap.servers} and {@code schema.registry.url} of the running cluster, a new mutable map. */
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(BOOTSTRAP_SERVERS, cluster().bootstrapServers());
    s.put(REGISTRY_URL, cluster().registryUrl());
    return s;
  }
}
