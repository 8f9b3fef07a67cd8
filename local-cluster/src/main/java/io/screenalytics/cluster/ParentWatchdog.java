package io.screenalytics.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Runs a jar's main class in a child JVM that dies with its parent, however the parent dies (SIGKILL and native
 * crashes included, when no shutdown hook of the parent runs).
 *
 * <p>The parent spawns {@link #javaCommand(List, Path, List)}: {@code java <options> -cp <this class's
 * location>:<jar> io.screenalytics.cluster.ParentWatchdog <parent pid> <jar> <args>}, keeps the child's standard
 * input open and never writes to it. In the child, {@link #main(String[])} starts two daemon threads, then calls
 * the jar's {@code Main-Class} with the remaining arguments on the system class path (the jar's manifest
 * {@code Class-Path} applies as with {@code java -jar}):
 * <ul>
 *   <li>{@code <jar's name>-parent-stdin-1} reads standard input until end of file, which the kernel delivers the
 *       moment the parent's last descriptor of the pipe closes, i.e. when the parent process is gone;
 *   <li>{@code <jar's name>-parent-poll-1} checks every {@value #POLL_MILLIS} ms that the parent pid is alive
 *       with its original start time (a backstop should the pipe be shared or redirected).
 * </ul>
 * Either halts the child ({@link Runtime#halt(int)}, status {@value #ORPHAN_EXIT}): no shutdown hook runs, so the
 * child should hold nothing that needs flushing (the registry keeps schemas in memory).
 *
 * <p>A jar that cannot be read prints {@code Invalid or corrupt jarfile <jar>: <cause>} and exits with 1, as
 * {@code java -jar} would.
 */
public final class ParentWatchdog {

  /** Exit status of a child halted because its parent is gone. */
  public static final int ORPHAN_EXIT = 143;
  private static final long POLL_MILLIS = 250;
  private static final String MAIN_PREFIX = "--main=";

  private ParentWatchdog() {}

  /**
   * The command that runs {@code jar}'s main class in a JVM bound to this process: the {@code java} of this
   * JVM, {@code jvmOptions}, then this class as the main class. The caller must keep the child's standard
   * input open (do not close {@link Process#getOutputStream()}; closing it stops the child).
   *
   * @param jvmOptions options for the child JVM ({@code -Xmx512m}, {@code -Dname=value}, ...)
   * @param jar        an executable jar (its manifest names {@code Main-Class})
   * @param args       the main class's arguments
   * @throws IllegalStateException if this class's own location cannot be determined
   */
  public static List<String> javaCommand(List<String> jvmOptions, Path jar, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(ownLocation() + java.io.File.pathSeparator + jar);
    command.add(ParentWatchdog.class.getName());
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }

  /**
   * The command that runs {@code mainClass} in a JVM bound to this process, on this JVM's own class path
   * ({@code java.class.path}, its entries made absolute): {@code java <options> -cp <class path> ParentWatchdog <parent pid> --main=<class>
   * <args>}. The caller must keep the child's standard input open, as for {@link #javaCommand(List, Path, List)}.
   *
   * @param jvmOptions options for the child JVM
   * @param mainClass  a class on this JVM's class path with a {@code main(String[])} method ({@code kafka.Kafka})
   * @param args       the main class's arguments
   */
  public static List<String> javaCommandForClass(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    // absolute: the child may run in another directory than this JVM's (a launcher started as -jar relative/x.jar)
    command.add(java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !e.isBlank())
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
    command.add(ParentWatchdog.class.getName());
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add(MAIN_PREFIX + mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Child entry point: {@code <parent pid> <jar> [args...]}, or {@code <parent pid> --main=<class> [args...]};
   * watches the parent, then runs the jar's (or the named) main class.
   *
   * @throws Throwable whatever the jar's main method throws
   */
  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: ParentWatchdog <parent pid> <jar> [args...]");
      System.exit(2);
    }
    long parentPid = Long.parseLong(args[0]);
    if (args[1].startsWith(MAIN_PREFIX)) {
      String named = args[1].substring(MAIN_PREFIX.length());
      watch(parentPid, named.substring(named.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT));
      invoke(named, Arrays.copyOfRange(args, 2, args.length));
      return;
    }
    Path jar = Path.of(args[1]);
    String mainClass;
    try (JarFile file = new JarFile(jar.toFile())) {
      mainClass = Optional.ofNullable(file.getManifest()).map(m -> m.getMainAttributes().getValue(
          Attributes.Name.MAIN_CLASS)).orElseThrow(() -> new IOException("no Main-Class in its manifest"));
    } catch (IOException e) {
      System.err.println("Invalid or corrupt jarfile " + jar + ": " + e);
      System.exit(1);
      return;
    }
    watch(parentPid, jar.getFileName().toString().replaceFirst("\\.jar$", ""));
    invoke(mainClass, Arrays.copyOfRange(args, 2, args.length));
  }

  private static void invoke(String mainClass, String[] args) throws Throwable {
    Method main = Class.forName(mainClass).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void watch(long parentPid, String name) {
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    Optional<Instant> started = parent.flatMap(p -> p.info().startInstant());
    if (parent.isEmpty()) {
      orphaned("parent pid " + parentPid + " is not running");
    }
    daemon(name + "-parent-stdin-1", () -> {
      byte[] ignored = new byte[256];
      try (InputStream in = System.in) {
        while (in.read(ignored) >= 0) {
          // the parent writes nothing; anything read is ignored
        }
      } catch (IOException e) {
        // a broken pipe is the parent gone too
      }
      orphaned("standard input closed: parent pid " + parentPid + " is gone");
    });
    daemon(name + "-parent-poll-1", () -> {
      while (isSameAlive(parentPid, started)) {
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
      orphaned("parent pid " + parentPid + " is gone");
    });
  }

  private static boolean isSameAlive(long pid, Optional<Instant> started) {
    Optional<ProcessHandle> now = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    return now.isPresent() && (started.isEmpty() || now.get().info().startInstant().equals(started));
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void orphaned(String why) {
    System.err.println("ParentWatchdog: " + why + "; halting at " + Instant.now());
    System.err.flush();
    Runtime.getRuntime().halt(ORPHAN_EXIT);
  }

  private static Path ownLocation() {
    try {
      return Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException | SecurityException e) {
      throw new IllegalStateException("cannot locate the classes of " + ParentWatchdog.class.getName(), e);
    }
  }
}
