package io.screenalytics.runtime.kafka;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one consumer loop every service runs (the canonical Kafka pattern): the consumer is created,
 * used and closed on the loop's own thread; {@link #close()} calls {@code wakeup()}; auto-commit is off
 * and offsets are committed only after a batch's outputs are acknowledged: after every poll, or, with a
 * {@link LoopConfig#commitInterval()}, the positions of the polls since the last commit once the interval has passed
 * (outputs flushed first; checked after every poll, an empty one too), when partitions are revoked and when the loop
 * stops.
 *
 * <p>Records are consumed as raw bytes and deserialized inside the error boundary, so a record that
 * fails to deserialize (a poison pill) goes to the dead-letter topic with its original bytes instead of
 * stalling the partition. A batch whose handler throws is retried one record at a time with bounded
 * exponential backoff; a record that still fails is dead-lettered and the partition moves on.
 *
 * <p>The handler may be built on the loop's own thread (the constructor taking a {@link Supplier}), so that
 * native threads it starts (ONNX Runtime's intra-op pool) inherit the loop thread's name and are accounted to
 * the service; {@link #awaitHandler()} waits for it. A {@link LoopObserver} is told of every poll, batch, emitted
 * record and dead letter, and may pause the loop before a poll or after an emitted record (the CPU governor).
 *
 * <p>With {@link LoopConfig#maxRecordAttempts()} above 0 the loop also contains crashes per record
 * ({@link RecordAttempts}): it marks each batch's positions in the group's committed offsets before processing it,
 * and a record at a position during which the process died that many times is dead-lettered instead of processed.
 *
 * @param <V> value type of the consumed topics
 */
public final class WorkerLoop<V> implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerLoop.class);

  private final String name;
  private final Map<String, Object> consumerProps;
  private final List<String> topics;
  private final Supplier<? extends BatchHandler<V>> handlers;
  private final LoopObserver observer;
  private final Emitter emitter;
  private final Emitter rebalanceEmitter;
  private final DeadLetterPublisher deadLetters;
  private final LoopConfig config;
  private final KafkaSettings kafka;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch handlerBuilt = new CountDownLatch(1);
  private volatile BatchHandler<V> handler;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Throwable fatal;
  /** Crash containment per record; null when off. Used on the loop thread only. */
  private final RecordAttempts attempts;
  /** Positions handled but not yet committed (commit interval); loop thread only. */
  private final IntervalCommits commits;

  /**
   * A loop around a handler built already, observed by nobody.
   *
   * @param name     thread and client name, {@code <service>-worker-<n>}
   * @param groupId  consumer group; instances of a service share it and split the partitions
   */
  public WorkerLoop(String name, String groupId, KafkaSettings kafka, LoopConfig config,
      List<? extends Topic<?, ?>> topics, BatchHandler<V> handler, Emitter emitter, DeadLetterPublisher deadLetters) {
    this(name, groupId, kafka, config, topics, () -> handler, emitter, deadLetters, LoopObserver.NONE);
  }

  /**
   * A loop that builds its handler on its own thread when started.
   *
   * @param name     thread and client name, {@code <service>-worker-<n>}
   * @param groupId  consumer group; instances of a service share it and split the partitions
   * @param handlers called once, on the loop thread, for this loop's handler
   * @param observer told of the loop's progress; may pause it
   */
  public WorkerLoop(String name, String groupId, KafkaSettings kafka, LoopConfig config, List<? extends Topic<?, ?>> topics,
      Supplier<? extends BatchHandler<V>> handlers, Emitter emitter, DeadLetterPublisher deadLetters,
      LoopObserver observer) {
    this.name = name;
    this.topics = topics.stream().map(Topic::name).toList();
    this.handlers = handlers;
    this.observer = observer;
    this.emitter = new ObservingEmitter(emitter, observer, true);
    this.rebalanceEmitter = new ObservingEmitter(emitter, observer, false);
    this.deadLetters = deadLetters;
    this.config = config;
    this.kafka = kafka;
    Map<String, Object> p = new LinkedHashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, KafkaEmitter.MAX_REQUEST_BYTES);
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * KafkaEmitter.MAX_REQUEST_BYTES);
    p.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumerProps = p;
    this.attempts = config.maxRecordAttempts() > 0 ? new RecordAttempts(config.maxRecordAttempts()) : null;
    this.commits = new IntervalCommits(config.commitInterval());
  }

  /** Starts the loop on a new thread named after this worker. */
  public Thread start() {
    Thread t = new Thread(this, name);
    t.start();
    return t;
  }

  @Override
  public void run() {
    try {
      handler = Objects.requireNonNull(handlers.get(), "the handler supplier returned null");
    } catch (Throwable t) {
      fatal = t;
      LOG.error("{} could not build its handler", name, t);
      handlerBuilt.countDown();
      stopped.countDown();
      return;
    }
    handlerBuilt.countDown();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps);
         Deserializer<V> values = kafka.<V>newValueDeserializer(consumerProps)) {
      consumer = c;
      if (!running.get()) {
        return; // closed while the handler was being built
      }
      c.subscribe(topics, new Rebalance());
      while (running.get()) {
        observer.pausePoint();
        ConsumerRecords<byte[], byte[]> records = c.poll(config.pollTimeout());
        observer.polled(records, lag(c));
        if (records.isEmpty()) {
          handler.onIdle(emitter);
          emitter.flush();
          if (commits.due()) {
            commits.commit(c);
          }
          continue;
        }
        if (attempts == null) {
          processPoll(records, values);
          commits.add(nextOffsets(records));
          if (commits.due()) {
            emitter.flush();
            commits.commit(c);
          }
        } else if (!attempts.anyCrashed(records)) {
          c.commitSync(attempts.batchMarks(records)); // durable before the work: a death now counts
          processPoll(records, values);
          emitter.flush();
          commit(c, nextOffsets(records));
        } else {
          processOneAtATime(c, records, values);
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        fatal = e;
      } else {
        commitOnStop();
      }
    } catch (Throwable t) {
      fatal = t;
      LOG.error("{} stopped on an unrecoverable error", name, t);
    } finally {
      consumer = null;
      stopped.countDown();
    }
  }

  /** On a requested stop: the positions handled since the last commit, so a restart does not see them again. */
  private void commitOnStop() {
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (commits.size() == 0 || c == null) {
      return;
    }
    try {
      emitter.flush();
      commits.commit(c);
    } catch (RuntimeException e) {
      LOG.warn("{}: could not commit {} positions on stop ({}); their records will be delivered again", name,
          commits.size(), e.toString());
    }
  }

  /** Commits {@code offsets} (clearing their marks) and tells the crash containment. */
  private void commit(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
    c.commitSync(offsets);
    attempts.committed(offsets);
  }

  /**
   * A poll holding positions during which a process died: each record behind its own mark, committed on its own;
   * a record past its attempts is given up (see {@link RecordAttempts}).
   */
  private void processOneAtATime(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records,
      Deserializer<V> values) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      int attempt = attempts.nextAttempt(tp, r.offset());
      if (attempts.exhausted(attempt)) {
        giveUp(r, values, attempt - 1);
      } else {
        if (attempt > 1) {
          LOG.warn("{}: {}-{}@{} was being processed when the process died; attempt {} of {}, alone", name,
              r.topic(), r.partition(), r.offset(), attempt, attempts.maxAttempts());
        }
        c.commitSync(attempts.singleMark(tp, r.offset(), attempt));
        processPoll(List.of(r), values);
      }
      emitter.flush();
      long next = r.offset() + 1;
      commit(c, Map.of(tp, new OffsetAndMetadata(Math.min(next, handler.commitOffset(tp, next)))));
    }
  }

  /** Dead-letters a record the process died on too often and lets the handler publish what replaces it. */
  private void giveUp(ConsumerRecord<byte[], byte[]> r, Deserializer<V> values, int crashes) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    String reason = RecordAttempts.crashedReason(name, tp, r.offset(), crashes);
    LOG.error("{}: {}", name, reason);
    deadLetters.publish(r, RecordAttempts.DEAD_LETTER_STAGE, new RecordAttempts.CrashedException(reason));
    observer.deadLettered(r.topic(), RecordAttempts.DEAD_LETTER_STAGE);
    try {
      V value = values.deserialize(r.topic(), r.headers(), r.value());
      if (value != null) {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        handler.onCrashed(new Delivery<>(key, value, r), reason, emitter);
      }
    } catch (Exception e) {
      LOG.warn("{}: the handler could not replace {}-{}@{} ({}); it is only dead-lettered", name, r.topic(),
          r.partition(), r.offset(), e.toString());
    }
  }

  private void processPoll(Iterable<ConsumerRecord<byte[], byte[]>> records, Deserializer<V> values) {
    List<Delivery<V>> batch = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      try {
        V value = values.deserialize(r.topic(), r.headers(), r.value());
        if (value == null) {
          continue; // tombstone
        }
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        batch.add(new Delivery<>(key, value, r));
      } catch (RuntimeException e) {
        deadLetters.publish(r, "deserialize", e);
        observer.deadLettered(r.topic(), "deserialize");
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      long t0 = System.nanoTime();
      handler.handle(batch, emitter);
      observer.handled(batch, System.nanoTime() - t0);
    } catch (Exception e) {
      LOG.warn("{}: batch of {} failed ({}); retrying one record at a time", name, batch.size(), e.toString());
      for (Delivery<V> d : batch) {
        handleWithRetry(d);
      }
    }
  }

  private void handleWithRetry(Delivery<V> d) {
    for (int attempt = 1; ; attempt++) {
      try {
        long t0 = System.nanoTime();
        handler.handle(List.of(d), emitter);
        observer.handled(List.of(d), System.nanoTime() - t0);
        return;
      } catch (Exception e) {
        if (attempt >= config.maxAttempts()) {
          deadLetters.publish(d.source(), "handle", e);
          observer.deadLettered(d.source().topic(), "handle");
          return;
        }
        LOG.warn("{}: {} failed (attempt {}/{}): {}", name, d.position(), attempt, config.maxAttempts(),
            e.toString());
        Utils.sleep(config.backoff(attempt).toMillis());
      }
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> rs = records.records(tp);
      long next = rs.get(rs.size() - 1).offset() + 1;
      offsets.put(tp, new OffsetAndMetadata(Math.min(next, handler.commitOffset(tp, next))));
    }
    return offsets;
  }

  /** Records behind the end of the assigned partitions whose lag the consumer knows (no broker round trip). */
  private static long lag(KafkaConsumer<byte[], byte[]> c) {
    long lag = 0;
    for (TopicPartition tp : c.assignment()) {
      lag += c.currentLag(tp).orElse(0);
    }
    return lag;
  }

  /**
   * Waits until the loop has built its handler.
   *
   * @return the handler
   * @throws RuntimeException the handler supplier's own exception (an {@link Error} as is), or
   *     {@link IllegalStateException} when interrupted
   */
  public BatchHandler<V> awaitHandler() {
    try {
      handlerBuilt.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + ": interrupted waiting for the handler", e);
    }
    BatchHandler<V> h = handler;
    if (h == null) {
      Throwable t = fatal;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(name + " could not build its handler", t);
    }
    return h;
  }

  /** True while the loop thread runs. */
  public boolean isRunning() {
    return stopped.getCount() > 0;
  }

  /** The error that stopped the loop, or null. */
  public Throwable fatalError() {
    return fatal;
  }

  /** Stops the loop (wakes a blocked poll) and waits for its thread to close the consumer. */
  @Override
  public void close() {
    running.set(false);
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      handler.onPartitionsRevoked(partitions, rebalanceEmitter);
      rebalanceEmitter.flush();
      commitRevoked(partitions);
      if (attempts != null) {
        attempts.revoked(partitions);
      }
    }

    /** The pending positions of partitions going away (their outputs flushed above), before another owner reads. */
    private void commitRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> revoked = commits.takeRevoked(partitions);
      KafkaConsumer<byte[], byte[]> c = consumer;
      if (revoked.isEmpty() || c == null) {
        return;
      }
      try {
        c.commitSync(revoked);
      } catch (RuntimeException e) {
        LOG.warn("{}: could not commit the positions of revoked {} ({}); their records will be delivered again",
            name, revoked.keySet(), e.toString());
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      commits.drop(partitions);
      handler.onPartitionsRevoked(partitions, rebalanceEmitter);
      rebalanceEmitter.flush();
      if (attempts != null) {
        attempts.revoked(partitions);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      commits.restart();
      if (attempts != null && !partitions.isEmpty()) {
        attempts.assigned(consumer.committed(new java.util.HashSet<>(partitions)));
      }
      handler.onPartitionsAssigned(partitions);
    }
  }
}
