package io.screenalytics.launcher;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.config.TopicSettings;
import io.screenalytics.runtime.kafka.TopicAdmin;
import io.screenalytics.schemas.Topics;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code screenalytics topics}: create the catalogue's topics and register the value schemas on a cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create every catalogue topic and register its schema (idempotent).")
final class TopicsCommand extends UserCommand {

  @Option(names = "--replication-factor",
      description = "Replicas per partition (default: the setting topics.replication.factor, else the broker's default).")
  Short replicationFactor;

  @Mixin
  SettingsOptions settingsOptions;

  @Override
  protected Integer execute() {
    Settings settings = settingsOptions.load(Map.of());
    KafkaSettings kafka = KafkaSettings.from(settings);
    TopicSettings replication = TopicSettings.from(settings);
    if (replicationFactor != null) {
      replication = new TopicSettings(Optional.of(replicationFactor), replication.minInsyncReplicas());
    }
    var created = TopicAdmin.createTopics(kafka, Topics.ALL, replication);
    var ids = TopicAdmin.registerSchemas(kafka, Topics.ALL);
    Console console = console();
    console.info("topics created: %s", created);
    console.info("schemas: %s", ids);
    return 0;
  }
}
