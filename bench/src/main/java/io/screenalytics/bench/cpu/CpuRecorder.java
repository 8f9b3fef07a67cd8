package io.screenalytics.bench.cpu;

import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.CpuSample;
import io.screenalytics.runtime.cpu.Governors;
import io.screenalytics.runtime.cpu.ThreadCpuTable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples every running service's CPU (through its governor's accounting: Java and native threads by name) every
 * 250 ms on its own thread ({@code cpubench-sampler-0}), and the process's CPU by OS thread name at start and end.
 */
public final class CpuRecorder implements AutoCloseable {

  private static final long PERIOD_MS = 250;

  private final Map<String, List<CpuSample>> series = new TreeMap<>();
  private final Map<String, CpuGovernor> governors;
  private final Map<String, Long> osCpuAtStart;
  private final long processCpuAtStart = processCpu();
  private final long[] machineAtStart = machineTicks();
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private Map<String, Long> osCpuAtEnd;
  private long processCpuAtEnd;
  private long[] machineAtEnd;
  private long endNanos;

  /** Starts sampling the services running now. */
  public CpuRecorder() {
    this.governors = Governors.all();
    governors.keySet().forEach(s -> series.put(s, new ArrayList<>()));
    this.osCpuAtStart = ThreadCpuTable.process().cpuByOsName();
    sampleAll();
    this.thread = new Thread(() -> {
      while (running.get()) {
        try {
          Thread.sleep(PERIOD_MS);
        } catch (InterruptedException e) {
          return;
        }
        sampleAll();
      }
    }, "cpubench-sampler-0");
    thread.setDaemon(true);
    thread.start();
  }

  private synchronized void sampleAll() {
    governors.forEach((name, g) -> series.get(name).add(g.sample()));
  }

  /** Stops sampling and takes the end readings. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.interrupt();
    thread.join();
    sampleAll();
    endNanos = System.nanoTime();
    processCpuAtEnd = processCpu();
    machineAtEnd = machineTicks();
    osCpuAtEnd = ThreadCpuTable.process().cpuByOsName();
  }

  /** Each service's figures over the recording. */
  public synchronized List<ServiceCpu> services() {
    List<ServiceCpu> out = new ArrayList<>();
    governors.forEach((name, g) -> {
      List<CpuSample> s = series.get(name);
      CpuSample first = s.get(0);
      CpuSample last = s.get(s.size() - 1);
      out.add(new ServiceCpu(name, g.config().quotaCores(), last.coresSince(first),
          busyMean(s, 0.1 * g.config().quotaCores()), peak(s, 1_000_000_000L),
          peak(s, 5_000_000_000L), s.stream().mapToInt(CpuSample::threads).max().orElse(0),
          g.throttled().toNanos() / 1e9));
    });
    return out;
  }

  /**
   * Each service's CPU per {@code stepSeconds} from the start of the recording, in percent of one core.
   */
  public synchronized Map<String, List<Integer>> timeline(double stepSeconds) {
    Map<String, List<Integer>> out = new TreeMap<>();
    long step = (long) (stepSeconds * 1e9);
    series.forEach((name, s) -> {
      List<Integer> row = new ArrayList<>();
      int i = 0;
      for (int j = 1; j < s.size(); j++) {
        if (s.get(j).atNanos() - s.get(i).atNanos() >= step || j == s.size() - 1) {
          row.add((int) Math.round(100 * s.get(j).coresSince(s.get(i))));
          i = j;
        }
      }
      out.put(name, row);
    });
    return out;
  }

  /** Wall time of the recording, seconds. */
  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }

  /**
   * Cores busy on the whole machine over the recording (every process: {@code /proc/stat}), or NaN where unknown;
   * minus {@link #processCores()}, what other processes took while the benchmark ran.
   */
  public double machineCores() {
    if (machineAtStart == null || machineAtEnd == null) {
      return Double.NaN;
    }
    long busy = machineAtEnd[0] - machineAtStart[0];
    long total = machineAtEnd[1] - machineAtStart[1];
    return total == 0 ? Double.NaN : Runtime.getRuntime().availableProcessors() * (double) busy / total;
  }

  /** Busy and total jiffies of all CPUs from {@code /proc/stat}, or null. */
  private static long[] machineTicks() {
    try {
      String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle, iowait
      return new long[] {total - idle, total};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** CPU of the whole process over the recording, cores. */
  public double processCores() {
    return (double) (processCpuAtEnd - processCpuAtStart) / (endNanos - startNanos);
  }

  /**
   * CPU over the recording by OS thread name, cores, largest first, for threads no service owns.
   *
   * @param servicePrefixes {@code <service>-} of every service
   */
  public Map<String, Double> outsideServices(List<String> servicePrefixes) {
    Map<String, Double> cores = new TreeMap<>();
    osCpuAtEnd.forEach((name, cpu) -> {
      if (servicePrefixes.stream().noneMatch(name::startsWith)) {
        long used = cpu - osCpuAtStart.getOrDefault(name, 0L);
        if (used > 0) {
          cores.merge(groupName(name), (double) used / (endNanos - startNanos), Double::sum);
        }
      }
    });
    Map<String, Double> sorted = new LinkedHashMap<>();
    cores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static String groupName(String osName) {
    return osName.replaceAll("[#-]?\\d+$", "").replaceAll("\\d+", "N");
  }

  /** Mean CPU from the start of the first to the end of the last 1 s span above {@code threshold} cores. */
  private static double busyMean(List<CpuSample> s, double threshold) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < s.size(); i++) {
      int j = i;
      while (j + 1 < s.size() && s.get(j).atNanos() - s.get(i).atNanos() < 1_000_000_000L) {
        j++;
      }
      if (j > i && s.get(j).coresSince(s.get(i)) > threshold) {
        from = from < 0 ? i : from;
        to = j;
      }
    }
    return from < 0 ? 0 : s.get(to).coresSince(s.get(from));
  }

  private static double peak(List<CpuSample> s, long windowNanos) {
    double best = 0;
    int i = 0;
    for (int j = 1; j < s.size(); j++) {
      while (i + 1 < j && s.get(j).atNanos() - s.get(i + 1).atNanos() >= windowNanos) {
        i++;
      }
      if (s.get(j).atNanos() - s.get(i).atNanos() >= windowNanos) {
        best = Math.max(best, s.get(j).coresSince(s.get(i)));
      }
    }
    return best;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The CPU model, from {@code /proc/cpuinfo} (Linux), else the OS architecture. */
  public static String cpuModel() {
    try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst().orElse(System.getProperty("os.arch"));
    } catch (java.io.IOException | RuntimeException e) {
      return System.getProperty("os.arch");
    }
  }
}
