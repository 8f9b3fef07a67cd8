package io.screenalytics.launcher;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the commands that talk to a running cluster ({@code ingest}, {@code status}): its addresses, which
 * otherwise come from the settings ({@code bootstrap.servers}, {@code schema.registry.url}: {@code --config},
 * environment, {@code --set}, which wins over these options).
 */
final class ClusterOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka brokers of the cluster (default: setting bootstrap.servers, else localhost:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Confluent-compatible schema registry (default: setting schema.registry.url).")
  String registryUrl;

  @Mixin
  SettingsOptions settingsOptions;

  /** The settings, with the addresses given as options. */
  Settings settings() {
    Map<String, String> extra = new LinkedHashMap<>();
    if (bootstrapServers != null) {
      extra.put(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (registryUrl != null) {
      extra.put(KafkaSettings.REGISTRY_URL, registryUrl);
    }
    return settingsOptions.load(extra);
  }
}
