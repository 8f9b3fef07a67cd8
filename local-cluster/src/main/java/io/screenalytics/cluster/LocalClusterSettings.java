package io.screenalytics.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the {@link LocalCluster}, read once from system properties and environment variables.
 *
 * <p>Each setting is read from its system property first, then its environment variable:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>property</th><th>environment</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #REGISTRY_URL_PROPERTY}</td><td>{@value #REGISTRY_URL_ENV}</td><td>none</td>
 *       <td>an already running Confluent-compatible registry (e.g. {@code http://host:8080/apis/ccompat/v7});
 *       when set, no registry process is started</td></tr>
 *   <tr><td>{@value #REGISTRY_JAR_PROPERTY}</td><td>{@value #REGISTRY_JAR_ENV}</td>
 *       <td>searched upward from the working directory</td><td>the Apicurio runner jar built by the
 *       {@code registry} module</td></tr>
 *   <tr><td>{@value #WORK_DIR_PROPERTY}</td><td>{@value #WORK_DIR_ENV}</td><td>a temp directory, deleted on
 *       close</td><td>where broker data and the registry log go (kept on close)</td></tr>
 *   <tr><td>{@value #REGISTRY_START_TIMEOUT_PROPERTY}</td><td>{@value #REGISTRY_START_TIMEOUT_ENV}</td>
 *       <td>60</td><td>seconds to wait for the registry to answer</td></tr>
 *   <tr><td>{@value #MODE_PROPERTY}</td><td>{@value #MODE_ENV}</td><td>{@code auto}</td>
 *       <td>{@code auto}: containers of the pinned images through Testcontainers where a Docker engine answers and
 *       Testcontainers is on the class path, else in-process; {@code in-process}; {@code containers}</td></tr>
 *   <tr><td>{@value #BROKERS_PROPERTY}</td><td>{@value #BROKERS_ENV}</td><td>1</td>
 *       <td>Kafka nodes: 1 runs the broker in this JVM (or one container); 2-{@value BrokerProcesses#MAX_NODES}
 *       run each as its own OS process, every one a broker and a controller quorum voter
 *       ({@link BrokerProcesses})</td></tr>
 * </table>
 *
 * @param externalRegistryUrl  a running registry to use instead of starting one
 * @param registryJar          the registry runner jar; empty to search for it
 * @param workDir              the directory for data and logs; empty for a temp directory
 * @param registryStartTimeout how long the registry may take to become ready
 * @param mode                 where the broker and registry run
 * @param brokers              Kafka nodes, 1 to {@value BrokerProcesses#MAX_NODES}
 */
public record LocalClusterSettings(
    Optional<URI> externalRegistryUrl,
    Optional<Path> registryJar,
    Optional<Path> workDir,
    Duration registryStartTimeout,
    ClusterMode mode,
    int brokers) {

  public static final String REGISTRY_URL_PROPERTY = "screenalytics.registry.url";
  public static final String REGISTRY_URL_ENV = "SCREENALYTICS_REGISTRY_URL";
  public static final String REGISTRY_JAR_PROPERTY = "screenalytics.registry.jar";
  public static final String REGISTRY_JAR_ENV = "SCREENALYTICS_REGISTRY_JAR";
  public static final String WORK_DIR_PROPERTY = "screenalytics.cluster.dir";
  public static final String WORK_DIR_ENV = "SCREENALYTICS_CLUSTER_DIR";
  public static final String REGISTRY_START_TIMEOUT_PROPERTY = "screenalytics.registry.start-timeout-seconds";
  public static final String REGISTRY_START_TIMEOUT_ENV = "SCREENALYTICS_REGISTRY_START_TIMEOUT_SECONDS";
  public static final String MODE_PROPERTY = "screenalytics.cluster.mode";
  public static final String MODE_ENV = "SCREENALYTICS_CLUSTER_MODE";
  public static final String BROKERS_PROPERTY = "screenalytics.cluster.brokers";
  public static final String BROKERS_ENV = "SCREENALYTICS_CLUSTER_BROKERS";

  /** Default time the registry may take to answer: 60 s (it needs 2.5-5 s on 2 cores). */
  public static final Duration DEFAULT_REGISTRY_START_TIMEOUT = Duration.ofSeconds(60);

  /** Validates that the timeout is positive, the broker count in range and nothing is null. */
  public LocalClusterSettings {
    if (externalRegistryUrl == null || registryJar == null || workDir == null || registryStartTimeout == null
        || mode == null) {
      throw new IllegalArgumentException("null setting; use Optional.empty()");
    }
    if (registryStartTimeout.isNegative() || registryStartTimeout.isZero()) {
      throw new IllegalArgumentException("registry start timeout must be positive: " + registryStartTimeout);
    }
    if (brokers < 1 || brokers > BrokerProcesses.MAX_NODES) {
      throw new IllegalArgumentException("brokers must be 1-" + BrokerProcesses.MAX_NODES + ": " + brokers);
    }
  }

  /** All defaults: containers where Docker answers, else in-process with the registry jar found by searching; temp directory. */
  public static LocalClusterSettings defaults() {
    return new LocalClusterSettings(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_REGISTRY_START_TIMEOUT,
        ClusterMode.AUTO, 1);
  }

  /**
   * Reads the settings from this JVM's system properties and environment.
   *
   * @throws IllegalArgumentException listing every malformed value at once
   */
  public static LocalClusterSettings fromEnvironment() {
    return from(System.getProperties(), System.getenv());
  }

  /**
   * Reads the settings from the given property and environment maps (property wins).
   *
   * @throws IllegalArgumentException listing every malformed value at once
   */
  public static LocalClusterSettings from(Map<?, ?> properties, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Optional<String> url = read(properties, env, REGISTRY_URL_PROPERTY, REGISTRY_URL_ENV);
    Optional<URI> registryUrl = Optional.empty();
    if (url.isPresent()) {
      try {
        URI uri = URI.create(stripTrailingSlash(url.get()));
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          problems.add(REGISTRY_URL_PROPERTY + " must be an http(s) URL: " + url.get());
        }
        registryUrl = Optional.of(uri);
      } catch (IllegalArgumentException e) {
        problems.add(REGISTRY_URL_PROPERTY + " is not a URL: " + url.get());
      }
    }
    Optional<Path> jar = read(properties, env, REGISTRY_JAR_PROPERTY, REGISTRY_JAR_ENV).map(Path::of);
    Optional<Path> dir = read(properties, env, WORK_DIR_PROPERTY, WORK_DIR_ENV).map(Path::of);
    Duration timeout = DEFAULT_REGISTRY_START_TIMEOUT;
    Optional<String> seconds = read(properties, env, REGISTRY_START_TIMEOUT_PROPERTY, REGISTRY_START_TIMEOUT_ENV);
    if (seconds.isPresent()) {
      try {
        timeout = Duration.ofSeconds(Long.parseLong(seconds.get()));
        if (timeout.isNegative() || timeout.isZero()) {
          problems.add(REGISTRY_START_TIMEOUT_PROPERTY + " must be positive: " + seconds.get());
        }
      } catch (NumberFormatException e) {
        problems.add(REGISTRY_START_TIMEOUT_PROPERTY + " is not a whole number of seconds: " + seconds.get());
      }
    }
    ClusterMode mode = ClusterMode.AUTO;
    Optional<String> modeName = read(properties, env, MODE_PROPERTY, MODE_ENV);
    if (modeName.isPresent()) {
      try {
        mode = ClusterMode.valueOf(modeName.get().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        problems.add(MODE_PROPERTY + " must be auto, in-process or containers: " + modeName.get());
      }
    }
    int brokers = 1;
    Optional<String> brokerCount = read(properties, env, BROKERS_PROPERTY, BROKERS_ENV);
    if (brokerCount.isPresent()) {
      try {
        brokers = Integer.parseInt(brokerCount.get());
      } catch (NumberFormatException e) {
        brokers = 0;
      }
      if (brokers < 1 || brokers > BrokerProcesses.MAX_NODES) {
        problems.add(BROKERS_PROPERTY + " must be a whole number 1-" + BrokerProcesses.MAX_NODES + ": "
            + brokerCount.get());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid local cluster settings: " + String.join("; ", problems));
    }
    return new LocalClusterSettings(registryUrl, jar, dir, timeout, mode, brokers);
  }

  /** A copy that uses {@code url} as an already running registry. */
  public LocalClusterSettings withExternalRegistry(URI url) {
    return new LocalClusterSettings(Optional.of(url), registryJar, workDir, registryStartTimeout, mode, brokers);
  }

  /** A copy that keeps data and logs in {@code dir}. */
  public LocalClusterSettings withWorkDir(Path dir) {
    return new LocalClusterSettings(externalRegistryUrl, registryJar, Optional.of(dir), registryStartTimeout, mode, brokers);
  }

  /** A copy that runs the broker and registry {@code where}. */
  public LocalClusterSettings withMode(ClusterMode where) {
    return new LocalClusterSettings(externalRegistryUrl, registryJar, workDir, registryStartTimeout, where, brokers);
  }

  /**
   * A copy with {@code count} Kafka nodes.
   *
   * @throws IllegalArgumentException if {@code count} is not 1-{@value BrokerProcesses#MAX_NODES}
   */
  public LocalClusterSettings withBrokers(int count) {
    return new LocalClusterSettings(externalRegistryUrl, registryJar, workDir, registryStartTimeout, mode, count);
  }

  private static Optional<String> read(Map<?, ?> properties, Map<String, String> env, String property, String variable) {
    Object value = properties.get(property);
    if (value == null || value.toString().isBlank()) {
      value = env.get(variable);
    }
    return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
