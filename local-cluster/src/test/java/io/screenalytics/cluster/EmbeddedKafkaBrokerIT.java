package io.screenalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @Test
  void shouldDeleteItsTempDirectoryOnClose() {
    // Given a started broker on a temp directory
    Path dataDir;
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
      dataDir = broker.dataDir();
      assertThat(dataDir.resolve("logs")).isDirectory();
      assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }
    // Then closing it removes the directory
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void shouldKeepTopicsAcrossARestartOnAGivenDirectory(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, Map.of())) {
      // Given a topic created on a broker with a kept directory
      broker.start();
      broker.createTopics(List.of(new NewTopic("it-kept", 3, (short) 1)));

      // When the broker is stopped and started again
      broker.stop();
      assertThatThrownBy(broker::bootstrapServers).isInstanceOf(IllegalStateException.class);
      broker.start();

      // Then the topic is still there with its partitions
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        var description = admin.describeTopics(List.of("it-kept")).allTopicNames()
            .get(30, TimeUnit.SECONDS).get("it-kept");
        assertThat(description.partitions()).hasSize(3);
      }
    }
    // And the given directory is kept
    assertThat(dir.resolve("logs")).isDirectory();
  }

  @Test
  void shouldRefuseToCreateATopicTwice() {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
      broker.createTopics(List.of(new NewTopic("it-twice", 1, (short) 1)));
      assertThatThrownBy(() -> broker.createTopics(List.of(new NewTopic("it-twice", 1, (short) 1))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("it-twice")
          .hasMessageContaining(broker.bootstrapServers());
    }
  }
}
