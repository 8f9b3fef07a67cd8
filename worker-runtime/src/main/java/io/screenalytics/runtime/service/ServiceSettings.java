package io.screenalytics.runtime.service;

import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.kafka.LoopConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings every service has, each read under the service's own prefix ({@code decoder.}, {@code
 * detect.}, {@code embed.}, {@code assembly.}) so several services can share one settings file and one
 * process.
 *
 * <p>Parsing a service's settings ({@link #from}) also declares them to this process, under the service's name:
 * a {@link WorkerService} of that name and consumer group started later in the process takes its core quota,
 * governor and metrics port from them without being handed them.
 *
 * @param cpuQuota    cores the service may use (for example 1.0 or 2.5); thread counts follow from it, and the CPU
 *                    governor holds the service's measured CPU at or under it
 * @param workers     consumer loops in this process
 * @param groupId     consumer group id
 * @param cpuGovernor whether the governor pauses the service when it is over its quota (else it only measures)
 * @param metricsPort port of the service's {@code /metrics}, {@code /ready} and {@code /live} endpoint; 0 for none
 * @param maxEpisodeAttempts crash containment ({@link io.screenalytics.runtime.status.EpisodeAttempts}): after this
 *                    many starts of an episode that never finished (the process died while processing it), the next
 *                    owner fails the episode with {@code crashed:} instead of starting it again
 */
public record ServiceSettings(double cpuQuota, int workers, String groupId, boolean cpuGovernor, int metricsPort,
    int maxEpisodeAttempts) {

  public static final String CPU_QUOTA = "cpu.quota";
  public static final String WORKERS = "workers";
  public static final String GROUP_ID = "group.id";
  public static final String CPU_GOVERNOR = "cpu.governor";
  /** The metrics port, under a service's prefix or, as the default of every service, without one. */
  public static final String METRICS_PORT = "metrics.port";
  public static final String MAX_EPISODE_ATTEMPTS = "max.episode.attempts";

  /** Default core quota of a service, cores. */
  public static final double DEFAULT_CPU_QUOTA = 1.0;

  /** Environment variables that size the thread pools of native libraries (OpenMP, OpenBLAS, MKL) at load time. */
  public static final java.util.List<String> NATIVE_THREAD_VARIABLES =
      java.util.List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS");

  /** The models directory of the services that load models ({@code detect}, {@code embed}, {@code voice}). */
  public static final String MODELS_DIR = "models.dir";

  private static final ConfigDef PROCESS_DEF = new ConfigDef()
      .define(METRICS_PORT, Type.INT, 0, Range.between(0, 65535), Importance.MEDIUM,
          "Default metrics/health port of every service in this process (one shared endpoint); 0 = none.");

  /** Declaration of {@value #MODELS_DIR}, read as given by {@code ModelLocator.resolve} (vision-core). */
  public static final ConfigDef MODELS_DEF = new ConfigDef()
      .define(MODELS_DIR, Type.STRING, null, Importance.HIGH,
          "Models directory; unset: SCREENALYTICS_MODELS_DIR, then shared/models found upward from the working "
              + "directory and the jar.");

  private static final Map<String, ServiceSettings> DECLARED = new ConcurrentHashMap<>();

  private static ConfigDef def(String service, int defaultMetricsPort) {
    return new ConfigDef()
        .define(CPU_QUOTA, Type.DOUBLE, DEFAULT_CPU_QUOTA, Range.between(0.1, 256), Importance.HIGH,
            "Cores this service may use; sets ONNX Runtime, FFmpeg and worker thread counts, and the CPU governor "
                + "holds the service's measured CPU over a sliding window at or under it.")
        .define(WORKERS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM,
            "Consumer loops of this service in this process.")
        .define(GROUP_ID, Type.STRING, "screenalytics-" + service, Importance.LOW,
            "Kafka consumer group of this service.")
        .define(CPU_GOVERNOR, Type.BOOLEAN, true, Importance.LOW,
            "Pause consumption while the service's measured CPU is over its quota (false: measure only).")
        .define(METRICS_PORT, Type.INT, defaultMetricsPort, Range.between(0, 65535), Importance.MEDIUM,
            "Port of this service's /metrics (Prometheus), /ready and /live endpoint; 0 = none. "
                + "Defaults to the unprefixed metrics.port.")
        .define(MAX_EPISODE_ATTEMPTS, Type.INT, EpisodeAttempts.DEFAULT_MAX_ATTEMPTS, Range.between(1, 100),
            Importance.LOW, "Crash containment: after this many starts of an episode during which the service's"
                + " process died, the next owner fails the episode (crashed:) and the partition moves on.");
  }

  /**
   * Parses {@code <prefix>cpu.quota}, {@code workers}, {@code group.id}, {@code cpu.governor} and
   * {@code metrics.port} (default: the unprefixed {@code metrics.port}), and declares them for {@code service} in
   * this process.
   *
   * @param service service name, for the default group id
   * @param prefix  setting prefix, for example {@code embed.}
   * @throws org.apache.kafka.common.config.ConfigException listing every invalid setting
   */
  public static ServiceSettings from(Settings settings, String service, String prefix) {
    int processPort = (Integer) settings.parse(PROCESS_DEF).get(METRICS_PORT);
    Map<String, Object> v = settings.parse(def(service, processPort), prefix);
    ServiceSettings parsed = new ServiceSettings((Double) v.get(CPU_QUOTA), (Integer) v.get(WORKERS),
        (String) v.get(GROUP_ID), (Boolean) v.get(CPU_GOVERNOR), (Integer) v.get(METRICS_PORT),
        (Integer) v.get(MAX_EPISODE_ATTEMPTS));
    DECLARED.put(service, parsed);
    return parsed;
  }

  /**
   * The names of the settings every service reads, for {@link KnownSettings#check}: these under {@code prefix}, its
   * consumer loop's ({@link LoopConfig}, under {@code prefix}), the unprefixed {@code metrics.port}, and how it
   * reaches the cluster ({@link KafkaSettings}, with Kafka's own client settings passed through under
   * {@code kafka.}).
   *
   * @param service service name, as given to {@link #from}
   * @param prefix  setting prefix, for example {@code embed.}
   */
  public static KnownSettings known(String service, String prefix) {
    return KnownSettings.of(prefix, def(service, 0)).and(prefix, LoopConfig.DEF).and("", PROCESS_DEF)
        .and("", KafkaSettings.DEF).and(KnownSettings.passThrough(KafkaSettings.CLIENT_PREFIX));
  }

  /** The defaults of {@code service} (quota 1 core, one worker, governor on, no metrics endpoint). */
  public static ServiceSettings defaults(String service) {
    return new ServiceSettings(DEFAULT_CPU_QUOTA, 1, "screenalytics-" + service, true, 0,
        EpisodeAttempts.DEFAULT_MAX_ATTEMPTS);
  }

  /** The settings last parsed by {@link #from} for {@code service} in this process. */
  public static Optional<ServiceSettings> declared(String service) {
    return Optional.ofNullable(DECLARED.get(service));
  }

  /** Threads for compute inside the quota: at least 1, at most the quota rounded up. */
  public int computeThreads() {
    return Math.max(1, (int) Math.ceil(cpuQuota));
  }

  /**
   * The native thread variables ({@link #NATIVE_THREAD_VARIABLES}) sized to {@link #computeThreads()}. They are
   * read by the native libraries when they load, so they can only be set in the environment of the service's
   * process (the compose file and Kubernetes manifests do), never from Java afterwards.
   */
  public Map<String, String> nativeThreadEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    NATIVE_THREAD_VARIABLES.forEach(n -> env.put(n, Integer.toString(computeThreads())));
    return env;
  }
}
