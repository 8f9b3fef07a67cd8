package io.screenalytics.runtime.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The one meter registry of this process, in the Prometheus format, shared by every service running in it (their
 * meters are told apart by the tag {@code service}), with the JVM and process meters bound once. Thread-safe.
 */
public final class ProcessMetrics {

  private ProcessMetrics() {}

  private static final class Holder {
    static final PrometheusMeterRegistry REGISTRY = create();

    private static PrometheusMeterRegistry create() {
      PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new ClassLoaderMetrics().bindTo(r);
      new JvmMemoryMetrics().bindTo(r);
      new JvmThreadMetrics().bindTo(r);
      new ProcessorMetrics().bindTo(r);
      new UptimeMetrics().bindTo(r);
      return r;
    }
  }

  /** The registry, created on first use. */
  public static PrometheusMeterRegistry registry() {
    return Holder.REGISTRY;
  }
}
