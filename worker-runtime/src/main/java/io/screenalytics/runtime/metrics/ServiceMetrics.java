package io.screenalytics.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The meters of one running service ({@link Metric}), tagged {@code service=<name>}. The runtime records the
 * generic ones (records in and out, batches, handler latency, lag, CPU, threads, readiness, frames and faces
 * counted from the records' types); a service's handlers add their own step timings through {@link #stage(String)},
 * finding this object with {@link #of(String)}.
 *
 * <p>Thread-safe. {@link #close()} removes the service's meters from the registry, so a service started again in
 * the same process gets fresh ones.
 */
public final class ServiceMetrics implements AutoCloseable {

  private static final Map<String, ServiceMetrics> RUNNING = new ConcurrentHashMap<>();

  private final MeterRegistry registry;
  private final String service;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final Map<String, Counter> consumed = new ConcurrentHashMap<>();
  private final Map<String, Counter> produced = new ConcurrentHashMap<>();
  private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
  private final Map<String, Timer> stages = new ConcurrentHashMap<>();
  private final Counter frames;
  private final Counter faces;
  private final DistributionSummary batchSize;
  private final Timer handlerLatency;

  /**
   * Registers the service's meters and makes them findable by {@link #of(String)}.
   *
   * @param governor the service's CPU governor (CPU, quota, threads, throttled time)
   * @param lag      records behind the end of the assigned partitions, summed over the service's loops
   * @param ready    whether the service is RUNNING
   */
  public ServiceMetrics(MeterRegistry registry, String service, CpuGovernor governor, LongSupplier lag,
      BooleanSupplier ready) {
    this.registry = registry;
    this.service = service;
    this.frames = add(Counter.builder(Metric.FRAMES.meterName()).description(Metric.FRAMES.description())
        .tag("service", service).register(registry));
    this.faces = add(Counter.builder(Metric.FACES.meterName()).description(Metric.FACES.description())
        .tag("service", service).register(registry));
    this.batchSize = add(DistributionSummary.builder(Metric.BATCH_SIZE.meterName())
        .description(Metric.BATCH_SIZE.description()).tag("service", service).register(registry));
    this.handlerLatency = add(Timer.builder(Metric.HANDLER_LATENCY.meterName())
        .description(Metric.HANDLER_LATENCY.description()).tag("service", service).register(registry));
    gauge(Metric.CONSUMER_LAG, lag, l -> (double) l.getAsLong());
    gauge(Metric.CPU_USAGE, governor, g -> g.usage().cpuPercent());
    gauge(Metric.CPU_QUOTA, governor, g -> g.config().quotaCores());
    gauge(Metric.THREADS, governor, g -> g.sample().threads());
    gauge(Metric.READY, ready, r -> r.getAsBoolean() ? 1.0 : 0.0);
    add(FunctionCounter.builder(Metric.CPU_THROTTLED.meterName(), governor, g -> g.throttled().toNanos() / 1e9)
        .description(Metric.CPU_THROTTLED.description()).baseUnit("seconds").tag("service", service)
        .register(registry));
    RUNNING.put(service, this);
  }

  /** The metrics of a service running in this process, for its handlers' own timings. */
  public static Optional<ServiceMetrics> of(String service) {
    return Optional.ofNullable(RUNNING.get(service));
  }

  /** The service these meters belong to. */
  public String service() {
    return service;
  }

  /** Counts {@code records} polled from {@code topic}. */
  public void consumed(String topic, int records) {
    counter(consumed, Metric.CONSUMED, topic, "topic", topic).increment(records);
  }

  /** Counts one record sent to {@code topic}, and the frames or faces it carries. */
  public void produced(Topic<?, ?> topic, Object value) {
    counter(produced, Metric.PRODUCED, topic.name(), "topic", topic.name()).increment();
    if (value instanceof Frame) {
      frames.increment();
    } else if (value instanceof FaceBatch b) {
      faces.increment(b.getFaces().size());
    } else if (value instanceof FaceEmbeddings e) {
      faces.increment(e.getFaces().stream().filter(f -> f.getEmbedding() != null).count());
    }
  }

  /** Counts a record dead-lettered at {@code stage} ({@code deserialize} or {@code handle}). */
  public void deadLettered(String topic, String stage) {
    Counter c = deadLettered.computeIfAbsent(topic + '\n' + stage, k -> add(Counter.builder(
        Metric.DEAD_LETTERED.meterName()).description(Metric.DEAD_LETTERED.description())
        .tags("service", service, "topic", topic, "stage", stage).register(registry)));
    c.increment();
  }

  /** Records a batch the handler finished: its size, how long it took, and the frames it consumed. */
  public void handled(List<? extends Delivery<?>> batch, long nanos) {
    batchSize.record(batch.size());
    handlerLatency.record(nanos, TimeUnit.NANOSECONDS);
    long inputFrames = batch.stream().filter(d -> d.value() instanceof Frame).count();
    if (inputFrames > 0) {
      frames.increment(inputFrames);
    }
  }

  /**
   * The timer of one step inside the service ({@link Metric#STAGE_LATENCY}, tag {@code step}); record one
   * sample per item, for example {@code metrics.stage("detect").record(nanos, TimeUnit.NANOSECONDS)}.
   *
   * @param step short lowercase step name: decode, jpeg, detect, track, align, embed, cluster, ...
   */
  public Timer stage(String step) {
    return stages.computeIfAbsent(step, s -> add(Timer.builder(Metric.STAGE_LATENCY.meterName())
        .description(Metric.STAGE_LATENCY.description()).tags("service", service, "step", s).register(registry)));
  }

  /** Removes the service's meters from the registry. */
  @Override
  public void close() {
    RUNNING.remove(service, this);
    meters.forEach(registry::remove);
    meters.clear();
  }

  private Counter counter(Map<String, Counter> cache, Metric metric, String key, String tag, String value) {
    return cache.computeIfAbsent(key, k -> add(Counter.builder(metric.meterName())
        .description(metric.description()).tags("service", service, tag, value).register(registry)));
  }

  private <T> void gauge(Metric metric, T source, java.util.function.ToDoubleFunction<T> value) {
    add(Gauge.builder(metric.meterName(), source, value).description(metric.description())
        .baseUnit(metric.unit().equals("percent") || metric.unit().equals("cores") ? metric.unit() : null)
        .tag("service", service).strongReference(true).register(registry));
  }

  private <M extends Meter> M add(M meter) {
    meters.add(meter);
    return meter;
  }
}
