package io.screenalytics.bench.cpu;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.Topic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a benchmark's consumer group starts: a group that did not run during earlier runs of the same cluster would
 * otherwise read their records first, and charge their work to the run being measured.
 */
public final class GroupStart {

  private GroupStart() {}

  /**
   * Commits the current end of every partition of {@code topics} for {@code group}, so that it skips every record
   * already there. The group must have no running member.
   *
   * @throws ExecutionException when the broker refuses (for example, a member of the group is running)
   */
  public static void atEnd(KafkaSettings kafka, String group, List<Topic<?, ?>> topics)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
      for (Topic<?, ?> topic : topics) {
        for (int p = 0; p < topic.partitions(); p++) {
          specs.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
      admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(group, ends).all().get();
    }
  }
}
