package io.screenalytics.assembly.service;

import io.screenalytics.assembly.AssemblyConfig;
import io.screenalytics.assembly.AssemblySetting;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the assembly service: {@code assembly.cpu.quota}, {@code assembly.workers}, {@code
 * assembly.group.id}, the identity settings of {@link AssemblySetting}, and {@code store.root} (the local
 * artifact store's root directory, default {@code screenalytics-data}).
 *
 * @param service   core quota, workers, consumer group
 * @param assembly  clustering, cast matching and thumbnail settings
 * @param storeRoot artifact store root directory
 */
public record AssemblyServiceConfig(ServiceSettings service, AssemblyConfig assembly, Path storeRoot) {

  public static final String PREFIX = "assembly.";
  public static final String STORE_ROOT = "store.root";

  /**
   * Parses the settings.
   *
   * @throws IllegalArgumentException or {@link org.apache.kafka.common.config.ConfigException} listing
   *     every invalid setting
   */
  public static AssemblyServiceConfig from(Settings settings) {
    Map<String, String> identity = new TreeMap<>();
    for (AssemblySetting s : AssemblySetting.values()) {
      String v = settings.asMap().get(s.key());
      if (v != null) {
        identity.put(s.key(), v);
      }
    }
    return new AssemblyServiceConfig(
        ServiceSettings.from(settings, "assembly", PREFIX),
        AssemblyConfig.fromProperties(identity),
        Path.of(settings.asMap().getOrDefault(STORE_ROOT, "screenalytics-data")));
  }
}
