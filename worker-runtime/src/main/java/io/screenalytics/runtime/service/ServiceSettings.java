package io.screenalytics.runtime.service;

import io.screenalytics.runtime.config.Settings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings every service has, each read under the service's own prefix ({@code decoder.}, {@code
 * detect.}, {@code embed.}, {@code assembly.}) so several services can share one settings file and one
 * process.
 *
 * @param cpuQuota cores the service may use (for example 1.0 or 2.5); thread counts follow from it
 * @param workers  consumer loops in this process
 * @param groupId  consumer group id
 */
public record ServiceSettings(double cpuQuota, int workers, String groupId) {

  public static final String CPU_QUOTA = "cpu.quota";
  public static final String WORKERS = "workers";
  public static final String GROUP_ID = "group.id";

  private static ConfigDef def(String service) {
    return new ConfigDef()
        .define(CPU_QUOTA, Type.DOUBLE, 1.0, Range.between(0.1, 256), Importance.HIGH,
            "Cores this service may use; sets ONNX Runtime, FFmpeg and worker thread counts.")
        .define(WORKERS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM,
            "Consumer loops of this service in this process.")
        .define(GROUP_ID, Type.STRING, "screenalytics-" + service, Importance.LOW,
            "Kafka consumer group of this service.");
  }

  /**
   * Parses {@code <prefix>cpu.quota}, {@code <prefix>workers} and {@code <prefix>group.id}.
   *
   * @param service service name, for the default group id
   * @param prefix  setting prefix, for example {@code embed.}
   */
  public static ServiceSettings from(Settings settings, String service, String prefix) {
    Map<String, Object> v = Settings.of(settings.withPrefix(prefix)).parse(def(service));
    return new ServiceSettings((Double) v.get(CPU_QUOTA), (Integer) v.get(WORKERS), (String) v.get(GROUP_ID));
  }

  /** Threads for compute inside the quota: at least 1, at most the quota rounded up. */
  public int computeThreads() {
    return Math.max(1, (int) Math.ceil(cpuQuota));
  }
}
