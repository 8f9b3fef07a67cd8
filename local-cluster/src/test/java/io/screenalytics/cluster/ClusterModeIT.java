package io.screenalytics.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** How the fixture picks its path: containers where a Docker engine answers, in-process otherwise. */
class ClusterModeIT {

  @Test
  void shouldRunInContainersExactlyWhenDockerAnswers() {
    boolean docker = DockerClientFactory.instance().isDockerAvailable();
    LocalClusterSettings containers = LocalClusterSettings.defaults().withMode(ClusterMode.CONTAINERS);
    if (docker) {
      // Given a Docker engine, When containers are asked for, Then the pinned images serve the cluster
      try (LocalCluster cluster = LocalCluster.start(containers)) {
        assertThat(cluster.mode()).isEqualTo(ClusterMode.CONTAINERS);
        assertThat(cluster.registryProcess()).isEmpty();
        cluster.broker().createTopics(List.of(new NewTopic("it-mode", 1, (short) 1)));
      }
    } else {
      // Given no Docker engine, When containers are asked for, Then the start fails saying what to do
      assertThatThrownBy(() -> LocalCluster.start(containers))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no Docker engine").hasMessageContaining(LocalClusterSettings.MODE_PROPERTY);
    }
  }

  @Test
  void shouldFallBackToInProcessWithoutDockerInAutoMode() {
    // When the default (auto) fixture starts, Then it takes the path this machine allows
    try (LocalCluster cluster = LocalCluster.start(LocalClusterSettings.defaults())) {
      ClusterMode expected = DockerClientFactory.instance().isDockerAvailable()
          ? ClusterMode.CONTAINERS : ClusterMode.IN_PROCESS;
      assertThat(cluster.mode()).isEqualTo(expected);
      cluster.broker().createTopics(List.of(new NewTopic("it-auto", 1, (short) 1)));
    }
  }
}
