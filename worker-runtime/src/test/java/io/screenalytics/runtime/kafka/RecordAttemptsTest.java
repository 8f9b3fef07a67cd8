package io.screenalytics.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.runtime.kafka.RecordAttempts.Mark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Crash containment per record without a broker: the group's committed offsets are a map here, a process death is
 * a new {@link RecordAttempts} reading them (as the next owner does on assignment) without the commit that would
 * have followed the work.
 */
class RecordAttemptsTest {

  private static final TopicPartition TP = new TopicPartition("faces", 3);
  private static final TopicPartition OTHER = new TopicPartition("faces", 5);

  /** The group's committed offsets, as the broker keeps them. */
  private final Map<TopicPartition, OffsetAndMetadata> group = new HashMap<>();

  private static List<ConsumerRecord<byte[], byte[]>> records(TopicPartition tp, long from, long to) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    for (long o = from; o <= to; o++) {
      out.add(new ConsumerRecord<>(tp.topic(), tp.partition(), o, null, new byte[0]));
    }
    return out;
  }

  /** A new owner of the partitions: reads the committed offsets with their marks. */
  private RecordAttempts nextOwner() {
    RecordAttempts a = new RecordAttempts(3);
    a.assigned(new HashMap<>(group));
    return a;
  }

  private void commit(RecordAttempts a, Map<TopicPartition, OffsetAndMetadata> offsets) {
    group.putAll(offsets);
    a.committed(offsets);
  }

  @Test
  void shouldRoundTripAMarkThroughCommitMetadataAndIgnoreOtherMetadata() {
    Mark m = new Mark(17, 48, 2);
    assertThat(Mark.decode(m.encode())).contains(m);
    assertThat(Mark.decode(null)).isEmpty();
    assertThat(Mark.decode("")).isEmpty();
    assertThat(Mark.decode("someone else's metadata")).isEmpty();
    assertThat(Mark.decode(RecordAttempts.PREFIX + "garbage")).isEmpty();
    assertThatThrownBy(() -> new Mark(5, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecordAttempts(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldMarkABatchWithoutMovingTheCommittedOffsetAndClearTheMarkOnCommit() {
    // Given a partition committed at 10
    group.put(TP, new OffsetAndMetadata(10));
    RecordAttempts a = nextOwner();
    List<ConsumerRecord<byte[], byte[]>> poll = new ArrayList<>(records(TP, 10, 13));
    poll.addAll(records(OTHER, 0, 1));

    // When a batch is marked
    assertThat(a.anyCrashed(poll)).isFalse();
    Map<TopicPartition, OffsetAndMetadata> marks = a.batchMarks(poll);

    // Then each partition keeps its committed offset (the first record's when none was committed) with its span
    assertThat(marks.get(TP).offset()).isEqualTo(10);
    assertThat(Mark.decode(marks.get(TP).metadata())).contains(new Mark(10, 13, 1));
    assertThat(marks.get(OTHER).offset()).isZero();
    assertThat(Mark.decode(marks.get(OTHER).metadata())).contains(new Mark(0, 1, 1));

    // And after the batch's commit (no metadata) a new owner finds nothing to contain
    commit(a, marks);
    commit(a, Map.of(TP, new OffsetAndMetadata(14), OTHER, new OffsetAndMetadata(2)));
    assertThat(nextOwner().anyCrashed(records(TP, 14, 20))).isFalse();
  }

  @Test
  void shouldPinTheRecordThatKillsTheProcessAndGiveItUpAfterThreeDeaths() {
    // Given a batch 10..13 whose record 12 kills the process every time it is processed
    long poison = 12;
    group.put(TP, new OffsetAndMetadata(10));
    RecordAttempts first = nextOwner();
    commit(first, first.batchMarks(records(TP, 10, 13)));
    // (the process dies in the batch: no commit)

    // When the next owner gets the same positions: they go one at a time, each at attempt 2
    RecordAttempts second = nextOwner();
    List<ConsumerRecord<byte[], byte[]>> redelivered = records(TP, 10, 13);
    assertThat(second.anyCrashed(redelivered)).isTrue();
    List<Integer> attempts = new ArrayList<>();
    for (long o = 10; o <= 13; o++) {
      int attempt = second.nextAttempt(TP, o);
      attempts.add(attempt);
      commit(second, second.singleMark(TP, o, attempt));
      assertThat(group.get(TP).offset()).as("a mark never moves the committed offset").isEqualTo(o);
      if (o == poison) {
        break; // dies on the poison, after 10 and 11 passed and were committed
      }
      commit(second, Map.of(TP, new OffsetAndMetadata(o + 1)));
    }
    assertThat(attempts).containsExactly(2, 2, 2);

    // Then the third owner starts at the poison, alone, at attempt 3, and dies again
    RecordAttempts third = nextOwner();
    assertThat(third.anyCrashed(records(TP, 12, 13))).isTrue();
    assertThat(third.nextAttempt(TP, poison)).isEqualTo(3);
    assertThat(third.exhausted(3)).isFalse();
    commit(third, third.singleMark(TP, poison, 3));

    // And the fourth gives it up, then treats the record behind it as new work
    RecordAttempts fourth = nextOwner();
    assertThat(fourth.nextAttempt(TP, poison)).isEqualTo(4);
    assertThat(fourth.exhausted(4)).isTrue();
    commit(fourth, Map.of(TP, new OffsetAndMetadata(poison + 1)));
    assertThat(fourth.nextAttempt(TP, 13)).isEqualTo(1);
    assertThat(fourth.anyCrashed(records(TP, 13, 13))).isFalse();
    assertThat(RecordAttempts.crashedReason("embed-worker-0", TP, poison, 3))
        .startsWith("crashed:").contains("3 times").contains("faces-3@12");
  }

  @Test
  void shouldForgetMarksOfPartitionsThatMovedAway() {
    group.put(TP, new OffsetAndMetadata(10, new Mark(10, 12, 1).encode()));
    RecordAttempts a = nextOwner();
    assertThat(a.nextAttempt(TP, 11)).isEqualTo(2);
    a.revoked(List.of(TP));
    assertThat(a.nextAttempt(TP, 11)).isEqualTo(1);
    // a mark behind the committed offset (its batch committed) is no crash
    group.put(TP, new OffsetAndMetadata(13, new Mark(10, 12, 1).encode()));
    assertThat(nextOwner().anyCrashed(records(TP, 13, 14))).isFalse();
  }
}
