package io.screenalytics.bench.cost;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Requests the in-process broker has handled, by request type: the broker's own counters
 * ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec,request=<type>,version=<v>}, attribute {@code Count},
 * summed over versions) read from this JVM's platform MBean server. Two snapshots around a run give the requests of
 * the run (the idle polls of the services' consumers included): what the broker's request handler threads spent
 * their CPU on.
 */
public final class BrokerRequests {

  private BrokerRequests() {
  }

  /**
   * Requests handled so far by the broker of this JVM, by request type ({@code Produce}, {@code Fetch},
   * {@code OffsetCommit}, ...), in name order; empty when no broker runs here.
   */
  public static Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      for (ObjectName n : server.queryNames(
          new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
        String request = n.getKeyProperty("request");
        Object count = server.getAttribute(n, "Count");
        if (request != null && count instanceof Number c) {
          out.merge(request, c.longValue(), Long::sum);
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the broker's request counters: " + e.getMessage(), e);
    }
    return out;
  }

  /** {@code after - before} per request type, types without a request left out. */
  public static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d > 0) {
        out.put(k, d);
      }
    });
    return out;
  }
}
