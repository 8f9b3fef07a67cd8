package io.screenalytics.runtime.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.Governors;
import io.screenalytics.runtime.cpu.ThreadOwnership;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.DeadLetterPublisher;
import io.screenalytics.runtime.kafka.KafkaEmitter;
import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.kafka.WorkerLoop;
import io.screenalytics.runtime.metrics.HealthProbe;
import io.screenalytics.runtime.metrics.MetricsServer;
import io.screenalytics.runtime.metrics.ProcessMetrics;
import io.screenalytics.runtime.metrics.ServiceMetrics;
import io.screenalytics.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: a shared producer, a dead-letter publisher and {@code workers} consumer loops in
 * one consumer group, each with its own handler instance, built on the loop's own thread. An explicit lifecycle
 * {@link State} drives readiness and liveness.
 *
 * <p>Every service gets, without code of its own:
 * <ul>
 *   <li>a {@link CpuGovernor} holding the measured CPU of the service's threads (loops, the native threads they
 *       start, its Kafka client threads) at or under its core quota, pausing the loops before a poll and after an
 *       emitted record; its CPU % and thread count go into the service's status events and metrics;
 *   <li>{@link ServiceMetrics}: records in and out, batches, handler latency, lag, CPU, threads, frames, faces;
 *   <li>when its metrics port is set, {@code /metrics}, {@code /ready} and {@code /live} ({@link MetricsServer}).
 * </ul>
 * The quota, governor switch and port come from the {@link ServiceSettings} given to {@link #withSettings}, or
 * else from the ones parsed last for this service name in this process ({@link ServiceSettings#declared}) when
 * their group id matches, or else the defaults.
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
  private final List<Topic<?, ?>> inputs;
  private final int workers;
  private final Supplier<? extends BatchHandler<V>> handlers;
  private final List<WorkerLoop<V>> loops = new CopyOnWriteArrayList<>();
  private final List<LoopInstruments> instruments = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private volatile State state = State.NEW;
  private ServiceSettings settings;
  private KafkaEmitter emitter;
  private DeadLetterPublisher deadLetters;
  private CpuGovernor governor;
  private ServiceMetrics metrics;
  private MetricsServer.Attachment endpoint;

  /**
   * @param name     service name, for example {@code decoder}; threads are {@code <name>-worker-<n>}
   * @param groupId  consumer group shared by every instance of the service
   * @param workers  consumer loops in this process (each consumes its share of the partitions)
   * @param handlers makes one handler per loop, called on the loop's thread
   * @throws IllegalArgumentException for fewer than 1 worker or a name the CPU accounting cannot tell apart
   */
  public WorkerService(String name, String groupId, KafkaSettings kafka, LoopConfig loopConfig,
      List<? extends Topic<?, ?>> inputs, int workers, Supplier<? extends BatchHandler<V>> handlers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1");
    }
    new ThreadOwnership(name, groupId); // validates the name
    this.name = name;
    this.groupId = groupId;
    this.kafka = kafka;
    this.loopConfig = loopConfig;
    this.inputs = List.copyOf(inputs);
    this.workers = workers;
    this.handlers = handlers;
  }

  /** Uses {@code serviceSettings}' quota, governor switch and metrics port (instead of the declared ones). */
  public synchronized WorkerService<V> withSettings(ServiceSettings serviceSettings) {
    if (state != State.NEW) {
      throw new IllegalStateException(name + " already started: " + state);
    }
    this.settings = serviceSettings;
    return this;
  }

  /** Closes {@code resource} after the loops have stopped (models, sessions, stores). */
  public WorkerService<V> closing(AutoCloseable resource) {
    closeAfter.add(resource);
    return this;
  }

  /**
   * Starts the governor, the metrics, the endpoint (if a port is set), the producer and the loops, and waits until
   * every loop has built its handler.
   *
   * @throws RuntimeException a handler supplier's own exception (a missing model, say), after stopping
   *     everything started; the state is then {@link State#FAILED}
   * @throws java.io.UncheckedIOException when the metrics port cannot be bound
   */
  public synchronized WorkerService<V> start() {
    if (state != State.NEW) {
      throw new IllegalStateException(name + " already started: " + state);
    }
    state = State.STARTING;
    ServiceSettings s = resolveSettings();
    try {
      governor = new CpuGovernor(new ThreadOwnership(name, groupId),
          CpuGovernor.Config.of(s.cpuQuota(), s.cpuGovernor()));
      Governors.register(governor);
      metrics = new ServiceMetrics(ProcessMetrics.registry(), name, governor, this::lag, this::isReady);
      if (s.metricsPort() > 0) {
        endpoint = MetricsServer.attach(s.metricsPort(),
            new HealthProbe(name, this::isReady, this::isLive, () -> state().name()));
      }
      emitter = new KafkaEmitter(kafka, name);
      deadLetters = new DeadLetterPublisher(kafka, name);
      for (int i = 0; i < workers; i++) {
        LoopInstruments observer = new LoopInstruments(governor, metrics);
        WorkerLoop<V> loop = new WorkerLoop<>(name + "-worker-" + i, groupId, kafka, loopConfig, inputs,
            handlers, emitter, deadLetters, observer);
        loops.add(loop);
        instruments.add(observer);
        loop.start();
      }
      loops.forEach(WorkerLoop::awaitHandler);
    } catch (RuntimeException | Error e) {
      LOG.error("{} failed to start: {}", name, e.toString());
      stopAll();
      state = State.FAILED;
      throw e;
    }
    governor.begin(); // start-up (model loading) is not charged to the service's work
    state = State.RUNNING;
    LOG.info("{} running with {} worker(s) on {}, cpu quota {} cores (governor {}), metrics {}", name, workers,
        inputs.stream().map(Topic::name).toList(), s.cpuQuota(), s.cpuGovernor() ? "on" : "measuring only",
        s.metricsPort() > 0 ? "on :" + s.metricsPort() : "in-process only");
    return this;
  }

  private ServiceSettings resolveSettings() {
    if (settings == null) {
      Optional<ServiceSettings> declared = ServiceSettings.declared(name).filter(d -> d.groupId().equals(groupId));
      if (declared.isEmpty()) {
        LOG.warn("{}: no settings parsed for this service and group {}; default cpu quota {} cores", name, groupId,
            ServiceSettings.DEFAULT_CPU_QUOTA);
      }
      settings = declared.orElseGet(() -> ServiceSettings.defaults(name));
    }
    return settings;
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

  /** The service name. */
  public String name() {
    return name;
  }

  /** The settings the service runs with (known once started). */
  public synchronized Optional<ServiceSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /** The service's CPU governor, once started. */
  public synchronized Optional<CpuGovernor> governor() {
    return Optional.ofNullable(governor);
  }

  /** The service's meters, once started. */
  public synchronized Optional<ServiceMetrics> metrics() {
    return Optional.ofNullable(metrics);
  }

  /** Consumer lag summed over the loops as of their last polls, records. */
  public long lag() {
    long sum = 0;
    for (LoopInstruments i : instruments) {
      sum += i.lag();
    }
    return sum;
  }

  @Override
  public synchronized void close() {
    if (state == State.STOPPED || state == State.NEW) {
      state = State.STOPPED;
      return;
    }
    state = State.STOPPING;
    stopAll();
    state = State.STOPPED;
    LOG.info("{} stopped", name);
  }

  private void stopAll() {
    if (governor != null) {
      governor.close(); // ends pauses at once so the loops see the stop
    }
    loops.forEach(WorkerLoop::close);
    closeQuietly(emitter);
    closeQuietly(deadLetters);
    closeAfter.forEach(WorkerService::closeQuietly);
    closeQuietly(endpoint);
    closeQuietly(metrics);
    if (governor != null) {
      Governors.unregister(governor);
    }
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
