package io.screenalytics.runtime.cpu;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The governors of the services running in this process, by service name: how status events, metrics and
 * benchmarks find a service's CPU figures without being handed its governor. A service registers its governor
 * when it starts and removes it when it stops. Thread-safe.
 */
public final class Governors {

  private static final Map<String, CpuGovernor> RUNNING = new ConcurrentHashMap<>();

  private Governors() {}

  /** Registers the governor of a starting service, replacing a stopped one of the same name. */
  public static void register(CpuGovernor governor) {
    RUNNING.put(governor.service(), governor);
  }

  /** Removes {@code governor} if it is still the registered one of its service. */
  public static void unregister(CpuGovernor governor) {
    RUNNING.remove(governor.service(), governor);
  }

  /** The governor of a running service of this process. */
  public static Optional<CpuGovernor> of(String service) {
    return Optional.ofNullable(RUNNING.get(service));
  }

  /** Every running service's governor, by service name. */
  public static Map<String, CpuGovernor> all() {
    return new TreeMap<>(RUNNING);
  }
}
