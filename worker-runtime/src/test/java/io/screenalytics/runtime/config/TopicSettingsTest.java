package io.screenalytics.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

  @Test
  void shouldLeaveReplicationToTheBrokersByDefault() {
    TopicSettings t = TopicSettings.from(Settings.of(Map.of()));

    assertThat(t).isEqualTo(TopicSettings.BROKER_DEFAULTS);
    assertThat(t.topicConfigs()).isEmpty();
  }

  @Test
  void shouldReadThreeReplicasWithTwoInSync() {
    TopicSettings t = TopicSettings.from(Settings.of(Map.of(
        TopicSettings.REPLICATION_FACTOR, "3", TopicSettings.MIN_INSYNC_REPLICAS, "2")));

    assertThat(t.replicationFactor()).contains((short) 3);
    assertThat(t.minInsyncReplicas()).contains(2);
    assertThat(t.topicConfigs()).containsExactly(Map.entry("min.insync.replicas", "2"));
  }

  @Test
  void shouldRejectMoreInSyncReplicasThanReplicasAndNegativeCounts() {
    assertThatThrownBy(() -> TopicSettings.from(Settings.of(Map.of(
        TopicSettings.REPLICATION_FACTOR, "2", TopicSettings.MIN_INSYNC_REPLICAS, "3"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no write could be acknowledged");
    assertThatThrownBy(() -> TopicSettings.from(Settings.of(Map.of(TopicSettings.REPLICATION_FACTOR, "-1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining(TopicSettings.REPLICATION_FACTOR);
    assertThat(new TopicSettings(Optional.empty(), Optional.of(2)).minInsyncReplicas()).contains(2);
  }
}
