package io.screenalytics.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Topic creation through an Admin client, shared by both kinds of broker. */
final class Admins {

  private Admins() {
  }

  /**
   * Creates {@code topics} on the broker at {@code bootstrapServers} and waits for them.
   *
   * @throws IllegalStateException if they cannot be created within {@code timeout}
   */
  static void createTopics(String bootstrapServers, Collection<NewTopic> topics, Duration timeout) {
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "local-cluster-admin");
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + topics + " on " + bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics on " + bootstrapServers, e);
    }
  }
}
