package io.screenalytics.runtime.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.DeadLetterPublisher;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.kafka.WorkerLoop;
import io.screenalytics.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: a shared producer, a dead-letter publisher and {@code workers} consumer loops in
 * one consumer group, each with its own handler instance. An explicit lifecycle {@link State} drives
 * readiness and liveness.
 *
 * @param <V> value type of the consumed topics
 */
public final class WorkerService<V> implements AutoCloseable {

  /** Lifecycle states. */
  public enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED }

  private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);

  private final String name;
  private final String groupId;
  private final KafkaSettings kafka;
  private final LoopConfig loopConfig;
  private final List<TopicSpec> inputs;
  private final int workers;
  private final Supplier<? extends BatchHandler<V>> handlers;
  private final List<WorkerLoop<V>> loops = new ArrayList<>();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private volatile State state = State.NEW;
  private KafkaEmitter emitter;
  private DeadLetterPublisher deadLetters;

  /**
   * @param name     service name, for example {@code decoder}; threads are {@code <name>-worker-<n>}
   * @param groupId  consumer group shared by every instance of the service
   * @param workers  consumer loops in this process (each consumes its share of the partitions)
   * @param handlers makes one handler per loop
   */
  public WorkerService(String name, String groupId, KafkaSettings kafka, LoopConfig loopConfig,
      List<TopicSpec> inputs, int workers, Supplier<? extends BatchHandler<V>> handlers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1");
    }
    this.name = name;
    this.groupId = groupId;
    this.kafka = kafka;
    this.loopConfig = loopConfig;
    this.inputs = List.copyOf(inputs);
    this.workers = workers;
    this.handlers = handlers;
  }

  /** Closes {@code resource} after the loops have stopped (models, sessions, stores). */
  public WorkerService<V> closing(AutoCloseable resource) {
    closeAfter.add(resource);
    return this;
  }

  /** Starts the producer and the loops. */
  public synchronized WorkerService<V> start() {
    if (state != State.NEW) {
      throw new IllegalStateException(name + " already started: " + state);
    }
    state = State.STARTING;
    emitter = new KafkaEmitter(kafka, name);
    deadLetters = new DeadLetterPublisher(kafka, name);
    for (int i = 0; i < workers; i++) {
      WorkerLoop<V> loop = new WorkerLoop<>(name + "-worker-" + i, groupId, kafka, loopConfig, inputs,
          handlers.get(), emitter, deadLetters);
      loops.add(loop);
      loop.start();
    }
    state = State.RUNNING;
    LOG.info("{} running with {} worker(s) on {}", name, workers, inputs.stream().map(TopicSpec::name).toList());
    return this;
  }

  /** Current lifecycle state; {@link State#FAILED} once any loop died of an unrecoverable error. */
  public State state() {
    if (state == State.RUNNING && loops.stream().anyMatch(l -> !l.isRunning())) {
      return State.FAILED;
    }
    return state;
  }

  /** Ready to take work. */
  public boolean isReady() {
    return state() == State.RUNNING;
  }

  /** Alive: not failed. */
  public boolean isLive() {
    return state() != State.FAILED;
  }

  public String name() {
    return name;
  }

  @Override
  public synchronized void close() {
    if (state == State.STOPPED || state == State.NEW) {
      state = State.STOPPED;
      return;
    }
    state = State.STOPPING;
    loops.forEach(WorkerLoop::close);
    closeQuietly(emitter);
    closeQuietly(deadLetters);
    closeAfter.forEach(WorkerService::closeQuietly);
    state = State.STOPPED;
    LOG.info("{} stopped", name);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("error closing {}: {}", c, e.toString());
    }
  }
}
