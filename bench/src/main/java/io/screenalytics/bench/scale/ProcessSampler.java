package io.screenalytics.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, every interval, the resident memory of named processes ({@code VmRSS} of {@code /proc/<pid>/status},
 * MB) and the lag of every consumer group (records between each partition's end and the group's committed
 * offset, summed), into a CSV ({@code t_s,kind,name,value}) and keeps each series' peak. Runs on its own daemon
 * thread until closed.
 */
final class ProcessSampler implements AutoCloseable {

  private final Supplier<Map<String, Long>> pids;
  private final Admin admin;
  private final Writer csv;
  private final long start = System.nanoTime();
  private final Map<String, Double> peaks = new TreeMap<>();
  private final Map<String, Double> last = new TreeMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  ProcessSampler(Supplier<Map<String, Long>> pids, String bootstrapServers, Path csvFile, long intervalMs)
      throws IOException {
    this.pids = pids;
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "client.id", "bench-scale-sampler"));
    this.csv = Files.newBufferedWriter(csvFile);
    csv.write("t_s,kind,name,value\n");
    thread = new Thread(() -> {
      while (running) {
        try {
          sample();
          Thread.sleep(intervalMs);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // a sample missed (a broker being killed, a process gone) is a gap in the series, not the end
        }
      }
    }, "bench-scale-sampler-1");
    thread.setDaemon(true);
    thread.start();
  }

  /** Peak of every series, {@code rss <process>} in MB and {@code lag <group>} in records. */
  synchronized Map<String, Double> peaks() {
    return new TreeMap<>(peaks);
  }

  /** Last value of every series. */
  synchronized Map<String, Double> last() {
    return new TreeMap<>(last);
  }

  private void sample() throws Exception {
    double t = (System.nanoTime() - start) / 1e9;
    Map<String, Double> values = new LinkedHashMap<>();
    pids.get().forEach((name, pid) -> {
      double mb = rssMb(pid);
      if (mb > 0) {
        values.put("rss " + name, mb);
      }
    });
    for (GroupListing g : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
      values.put("lag " + g.groupId(), (double) lag(g.groupId()));
    }
    synchronized (this) {
      for (var e : values.entrySet()) {
        String[] kn = e.getKey().split(" ", 2);
        csv.write(String.format(Locale.ROOT, "%.1f,%s,%s,%.1f%n", t, kn[0], kn[1], e.getValue()));
        peaks.merge(e.getKey(), e.getValue(), Math::max);
        last.put(e.getKey(), e.getValue());
      }
      csv.flush();
    }
  }

  private long lag(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
        .get(10, TimeUnit.SECONDS);
    long lag = 0;
    for (var e : committed.entrySet()) {
      if (e.getValue() != null && ends.containsKey(e.getKey())) {
        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
      }
    }
    return lag;
  }

  private static double rssMb(long pid) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
      for (String l : lines) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      // the process is gone
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close();
    synchronized (this) {
      csv.close();
    }
  }

}
