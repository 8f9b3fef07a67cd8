package io.screenalytics.assembly.service;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblySetting;
import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.store.StoreConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the assembly service: {@code assembly.cpu.quota}, {@code assembly.workers}, {@code
 * assembly.group.id}, the identity settings of {@link AssemblySetting}, and the artifact store's
 * {@code store.*} settings ({@link StoreConfig}: a local directory, {@code store.root}, default
 * {@code screenalytics-data}, or an S3 bucket).
 *
 * @param service  core quota, workers, consumer group
 * @param assembly clustering, cast matching and thumbnail settings
 * @param store    where episodes are written and facebanks read
 * @param voiceWait how long a face-complete episode waits for its voice result
 * @param asdWait  how long a face-complete episode waits for its active speaker result
 */
public record AssemblyServiceConfig(ServiceSettings service, AssemblyConfig assembly, StoreConfig store,
    StageWait voiceWait, StageWait asdWait) {

  public static final String PREFIX = "assembly.";

  /**
   * Parses the settings.
   *
   * @throws IllegalArgumentException or {@link org.apache.kafka.common.config.ConfigException} listing
   *     every invalid setting
   */
  public static AssemblyServiceConfig from(Settings settings) {
    Map<String, String> identity = new TreeMap<>();
    for (String key : AssemblySetting.keys()) {
      String v = settings.asMap().get(key);
      if (v != null) {
        identity.put(key, v);
      }
    }
    return new AssemblyServiceConfig(
        ServiceSettings.from(settings, "assembly", PREFIX),
        AssemblyConfig.fromProperties(identity),
        StoreConfig.from(settings.asMap()),
        StageWait.from(settings, "voice"),
        StageWait.from(settings, "asd"));
  }

  /**
   * The names of every setting assembly reads: the identity settings ({@link AssemblySetting}), {@link StageWait}'s, the settings every service has ({@link ServiceSettings#known}) and the store's; for {@link KnownSettings#check}.
   */
  public static KnownSettings known() {
    return KnownSettings.of(AssemblySetting.PREFIX, AssemblySetting.DEF).and(PREFIX, StageWait.DEF)
        .and(ServiceSettings.known("assembly", PREFIX)).and("", StoreConfig.DEF);
  }

  /** The local store's root directory ({@code store.root}); meaningful when {@code store.type=local}. */
  public Path storeRoot() {
    return store.root();
  }
}
