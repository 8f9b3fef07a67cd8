package io.screenalytics.runtime.cpu;

import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-thread CPU time of this process, attributed to services by {@link ThreadOwnership}.
 *
 * <p>On Linux the table reads {@code /proc/self/task/<tid>/}: every OS thread, Java or native, with its OS name
 * ({@code stat}) and its CPU time ({@code schedstat}, nanoseconds; or {@code stat}'s utime + stime in 10 ms clock
 * ticks where schedstat is missing). This is what counts ONNX Runtime's and FFmpeg's native threads, which the JVM
 * cannot see. Kafka client threads, whose OS names are truncated past recognition, are measured through
 * {@link ThreadMXBean#getThreadCpuTime(long)} by their Java names. Elsewhere only Java threads are seen, all
 * through the ThreadMXBean.
 *
 * <p>Threads are listed (about 70 us for 120 threads) at most every 20 ms, and a thread's name is read when it is
 * first listed; every name is read again (about 12 us a thread) at most once per {@code rediscoverEvery}, for threads
 * renamed since. A reading reads only the owner's threads. A new thread is thus counted within 20 ms of its start
 * (within {@code rediscoverEvery} if it had not taken its own name yet when listed), with all its CPU time since.
 *
 * <p>Thread-safe; one per process ({@link #process()}).
 */
public final class ThreadCpuTable {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadCpuTable.class);
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on every mainstream Linux
  private static final long LIST_EVERY_NANOS = 20_000_000L;
  private static final ThreadCpuTable PROCESS = new ThreadCpuTable(Path.of("/proc/self/task"), 1_000_000_000L);

  private final Path taskDir;
  private final long rediscoverEveryNanos;
  private final boolean procAvailable;
  private final boolean schedstatAvailable;
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final byte[] buffer = new byte[1024];
  private Map<Long, String> osThreads = new HashMap<>(); // tid -> OS name
  private Map<Long, String> javaThreads = Map.of(); // Java id -> name (client threads only on Linux)
  private long discoveredAt;
  private long listedAt;
  private boolean discovered;

  ThreadCpuTable(Path taskDir, long rediscoverEveryNanos) {
    this.taskDir = taskDir;
    this.rediscoverEveryNanos = rediscoverEveryNanos;
    this.procAvailable = Files.isDirectory(taskDir);
    this.schedstatAvailable = procAvailable && readSchedstat(Path.of("/proc/thread-self/schedstat")) >= 0;
    if (mx.isThreadCpuTimeSupported() && !mx.isThreadCpuTimeEnabled()) {
      mx.setThreadCpuTimeEnabled(true);
    }
    if (!procAvailable) {
      LOG.info("no {}: CPU accounting sees Java threads only (native threads of ONNX Runtime and FFmpeg uncounted)",
          taskDir);
    }
  }

  /** The table of this process. */
  public static ThreadCpuTable process() {
    return PROCESS;
  }

  /** True when native threads are seen (Linux {@code /proc}); false when only Java threads are. */
  public boolean seesNativeThreads() {
    return procAvailable;
  }

  /** Makes the next reading read every thread's name again (after threads were started and named, say). */
  public synchronized void refresh() {
    discovered = false;
  }

  /**
   * Reads the cumulative CPU time of every thread {@code owner} owns now.
   *
   * @return CPU nanoseconds by thread key (OS thread id, or {@code -(Java id + 1)} for a thread measured through
   *     the ThreadMXBean); a thread that ends while being read is left out
   */
  public synchronized Map<Long, Long> read(ThreadOwnership owner) {
    long now = System.nanoTime();
    if (!discovered || now - discoveredAt >= rediscoverEveryNanos) {
      discover();
      discoveredAt = now;
      listedAt = now;
      discovered = true;
    } else if (procAvailable && now - listedAt >= LIST_EVERY_NANOS) {
      relist();
      listedAt = now;
    }
    Map<Long, Long> out = new HashMap<>();
    if (procAvailable) {
      for (Map.Entry<Long, String> t : osThreads.entrySet()) {
        if (owner.ownsOsThread(t.getValue())) {
          long cpu = osThreadCpu(t.getKey());
          if (cpu >= 0) {
            out.put(t.getKey(), cpu);
          }
        }
      }
    }
    for (Map.Entry<Long, String> t : javaThreads.entrySet()) {
      String name = t.getValue();
      if (owner.ownsClientThread(name) || (!procAvailable && owner.ownsNamedThread(name))) {
        long cpu = mx.getThreadCpuTime(t.getKey());
        if (cpu >= 0) {
          out.put(-(t.getKey() + 1), cpu);
        }
      }
    }
    return out;
  }

  /**
   * Every OS thread of the process with its CPU time, for diagnostics (what is not attributed to any service).
   *
   * @return CPU nanoseconds by OS thread name, summed over threads of the same name; empty without {@code /proc}
   */
  public synchronized Map<String, Long> cpuByOsName() {
    discover();
    discoveredAt = System.nanoTime();
    discovered = true;
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<Long, String> t : osThreads.entrySet()) {
      long cpu = osThreadCpu(t.getKey());
      if (cpu >= 0) {
        out.merge(t.getValue(), cpu, Long::sum);
      }
    }
    return out;
  }

  private void discover() {
    if (procAvailable) {
      Map<Long, String> found = new HashMap<>();
      for (String tid : listTids()) {
        String name = osName(tid);
        if (name != null) {
          found.put(Long.parseLong(tid), name);
        }
      }
      osThreads = found;
    }
    Map<Long, String> java = new HashMap<>();
    for (Thread t : liveJavaThreads()) {
      String name = t.getName();
      if (!procAvailable || name.contains(" | ")) {
        java.put(t.getId(), name);
      }
    }
    javaThreads = java;
  }

  /** Lists the threads again: names the new ones, forgets the ended ones. */
  private void relist() {
    Set<Long> live = new HashSet<>();
    for (String tid : listTids()) {
      Long id = Long.parseLong(tid);
      live.add(id);
      if (!osThreads.containsKey(id)) {
        String name = osName(tid);
        if (name != null) {
          osThreads.put(id, name);
        }
      }
    }
    osThreads.keySet().retainAll(live);
  }

  private String[] listTids() {
    String[] tids = taskDir.toFile().list();
    return tids == null ? new String[0] : tids;
  }

  /** A thread's OS name from its {@code stat}, or null when it has ended. */
  private String osName(String tid) {
    String stat = readText(taskDir.resolve(tid).resolve("stat"));
    int open = stat == null ? -1 : stat.indexOf('(');
    int close = stat == null ? -1 : stat.lastIndexOf(')');
    return open >= 0 && close > open ? stat.substring(open + 1, close) : null;
  }

  private long osThreadCpu(long tid) {
    Path dir = taskDir.resolve(Long.toString(tid));
    if (schedstatAvailable) {
      return readSchedstat(dir.resolve("schedstat"));
    }
    String stat = readText(dir.resolve("stat"));
    if (stat == null) {
      return -1;
    }
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK; // utime, stime: fields 14 and 15
  }

  private long readSchedstat(Path file) {
    String s = readText(file);
    if (s == null) {
      return -1;
    }
    int space = s.indexOf(' ');
    try {
      return Long.parseLong(space < 0 ? s.trim() : s.substring(0, space));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The file's text, or null when it is gone (the thread ended) or unreadable. */
  private String readText(Path file) {
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      int n = in.read(buffer);
      return n <= 0 ? null : new String(buffer, 0, n, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return null;
    }
  }

  private static Thread[] liveJavaThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n;
    while ((n = root.enumerate(threads, true)) == threads.length) {
      threads = new Thread[threads.length * 2];
    }
    Thread[] out = new Thread[n];
    System.arraycopy(threads, 0, out, 0, n);
    return out;
  }
}
