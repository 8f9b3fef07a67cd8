package io.screenalytics.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.cluster.LocalClusterSettings;
import io.screenalytics.cluster.SchemaRegistryProcess;
import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.schemas.Topic;
import io.screenalytics.schemas.Topics;
import io.screenalytics.serde.SchemaRegistryClient;
import io.screenalytics.serde.SchemaRegistryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real registry (Apicurio 2.4.2) on its SQL storage keeps the catalogue's schemas, their ids and the subjects'
 * compatibility across a restart, as the deployments' registry must: records on the topics carry those ids for
 * days. The deployments run the same storage on PostgreSQL; here it is an H2 file. No broker is needed: the
 * {@code topics} step's own registration ({@link TopicAdmin#registerSchemas}) only talks to the registry.
 */
class RegistryPersistenceIT {

  private static final Duration START = LocalClusterSettings.fromEnvironment().registryStartTimeout();

  @TempDir
  Path dir;

  @Test
  void shouldServeTheSameSchemaIdsAfterARestart() {
    Path database = dir.resolve("db");
    Map<String, Integer> registered;
    // Given the catalogue's schemas registered by the topics step on a registry with a database
    try (SchemaRegistryProcess registry = SchemaRegistryProcess.launch(null, dir.resolve("first"), database)
        .awaitReady(START)) {
      registered = TopicAdmin.registerSchemas(kafka(registry.url()), Topics.ALL);
    }
    assertThat(registered).hasSize((int) Topics.ALL.stream().filter(t -> t.valueSchema() != null).count());
    assertThat(database.resolve("registry.mv.db")).exists();

    // When the registry is restarted on the same database
    try (SchemaRegistryProcess registry = SchemaRegistryProcess.launch(null, dir.resolve("second"), database)
        .awaitReady(START);
         SchemaRegistryClient client = new SchemaRegistryClient(registry.url())) {
      // Then every id resolves to its schema, lookups find the same ids, the subjects are still BACKWARD,
      // and registering again (the next topics step) gives the same ids
      for (Topic<?, ?> t : Topics.ALL) {
        if (t.valueSchema() == null) {
          continue;
        }
        int id = registered.get(t.valueSubject());
        assertThat(client.schemaById(id)).as("schema id %d", id).isEqualTo(t.valueSchema());
        assertThat(client.lookup(t.valueSubject(), t.valueSchema())).as(t.valueSubject()).isEqualTo(id);
        assertThat(client.compatibility(t.valueSubject())).as(t.valueSubject()).isEqualTo("BACKWARD");
      }
      assertThat(TopicAdmin.registerSchemas(kafka(registry.url()), Topics.ALL)).isEqualTo(registered);
    }
  }

  @Test
  void shouldForgetTheSchemasInMemoryAcrossARestart() {
    // The control: the in-memory storage the deployments used before loses every id when restarted
    int id;
    try (SchemaRegistryProcess registry = SchemaRegistryProcess.launch(null, dir.resolve("first"), null)
        .awaitReady(START);
         SchemaRegistryClient client = new SchemaRegistryClient(registry.url())) {
      id = client.register(Topics.STATUS.valueSubject(), Topics.STATUS.valueSchema());
    }
    try (SchemaRegistryProcess registry = SchemaRegistryProcess.launch(null, dir.resolve("second"), null)
        .awaitReady(START);
         SchemaRegistryClient client = new SchemaRegistryClient(registry.url())) {
      assertThatThrownBy(() -> client.schemaById(id)).isInstanceOf(SchemaRegistryException.class)
          .satisfies(e -> assertThat(((SchemaRegistryException) e).isNotFound()).isTrue());
    }
  }

  private static KafkaSettings kafka(String registryUrl) {
    // no broker: registering schemas only talks to the registry
    return KafkaSettings.from(Settings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:9",
        KafkaSettings.REGISTRY_URL, registryUrl)));
  }
}
