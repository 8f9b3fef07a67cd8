package io.screenalytics.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry (Apicurio Registry 2.4.2, built by the {@code registry} module) as a child process.
 *
 * <p>Runs the runner jar ({@code java -Xmx512m -Dquarkus.http.port=<free port>}) through {@link ParentWatchdog},
 * bound to 127.0.0.1, with in-memory storage (schemas last as long as the process) or, given a database directory,
 * Apicurio's SQL storage on an H2 file there (schemas and their ids survive a restart: the storage the deployments
 * run on PostgreSQL). Its output goes to {@link #logFile()}, not to
 * this JVM's console. {@link #url()} is the Confluent-compatible API, {@code http://127.0.0.1:<port>/apis/ccompat/v7}.
 * Ready in about 2.5-5 s on 2 cores, ~200-250 MB resident.
 *
 * <p>Use {@link #start(Path, Path, Duration)}, or {@link #launch(Path, Path)} then {@link #awaitReady(Duration)}
 * to do other work (e.g. start the broker) while it boots. {@link #close()} stops the process; a shutdown hook
 * stops it when this JVM exits normally, and the child halts itself within moments when this JVM dies any other
 * way (SIGKILL, a native crash; see {@link ParentWatchdog}).
 *
 * <p>Thread-safe: lifecycle methods are synchronized.
 */
public final class SchemaRegistryProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryProcess.class);
  private static final int START_ATTEMPTS = 3;
  private static final int LOG_LINES_IN_ERRORS = 30;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> JVM_OPTIONS = List.of(
      "-Xmx512m",
      // a registry answers a few requests: C1 only and the serial collector start it ~30 % faster
      "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** The registry's datasource URL variable (Apicurio 2.4 {@code application.properties}, prod profile). */
  static final String DATASOURCE_URL_VARIABLE = "REGISTRY_DATASOURCE_URL";

  private final Path jar;
  private final Path database;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final Path logFile;
  private volatile Process process;
  private Thread shutdownHook;
  private int port;
  private long launchedAt;
  private boolean ready;

  private SchemaRegistryProcess(Path jar, Path database, Path workDir, boolean ownsWorkDir) {
    this.jar = jar;
    this.database = database;
    this.workDir = workDir;
    this.ownsWorkDir = ownsWorkDir;
    this.logFile = workDir.resolve("registry.log");
  }

  /**
   * Starts the registry and waits until it answers.
   *
   * @param jar     the runner jar; null to use {@value LocalClusterSettings#REGISTRY_JAR_PROPERTY} or search
   *                upward from the working directory for {@code registry/target/*-runner.jar}
   * @param workDir where {@code registry.log} goes (kept); null for a temp directory deleted on close
   * @param timeout how long it may take to become ready
   * @throws IllegalStateException if the jar is missing, the process dies or it is not ready in time; the message
   *                               names the jar and quotes the last lines of the process's output
   */
  public static SchemaRegistryProcess start(Path jar, Path workDir, Duration timeout) {
    SchemaRegistryProcess registry = launch(jar, workDir);
    try {
      return registry.awaitReady(timeout);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  /**
   * Starts the registry with the jar and timeout from {@link LocalClusterSettings#fromEnvironment()}, in a temp
   * directory.
   *
   * @throws IllegalStateException as {@link #start(Path, Path, Duration)}
   */
  public static SchemaRegistryProcess start() {
    LocalClusterSettings settings = LocalClusterSettings.fromEnvironment();
    return start(settings.registryJar().orElse(null), null, settings.registryStartTimeout());
  }

  /**
   * Spawns the registry process and returns at once; call {@link #awaitReady(Duration)} before {@link #url()}.
   *
   * @param jar     as in {@link #start(Path, Path, Duration)}
   * @param workDir as in {@link #start(Path, Path, Duration)}
   * @throws IllegalStateException if the jar cannot be found or the process cannot be spawned
   */
  public static SchemaRegistryProcess launch(Path jar, Path workDir) {
    return launch(jar, workDir, null);
  }

  /**
   * As {@link #launch(Path, Path)}, storing the schemas in {@code database}: Apicurio's SQL storage on the H2
   * file {@code <database>/registry.mv.db}, created on first use. A registry launched again on the same directory
   * (after the previous one was closed) serves the same schemas under the same ids.
   *
   * @param database the directory of the database (created if missing); null for in-memory storage
   * @throws IllegalStateException as {@link #launch(Path, Path)}
   */
  public static SchemaRegistryProcess launch(Path jar, Path workDir, Path database) {
    Path runner = RegistryJar.locate(Optional.ofNullable(jar), Path.of(""));
    boolean temp = workDir == null;
    Path dir = temp ? Directories.createTemp("screenalytics-registry-") : Directories.ensure(workDir);
    Path db = database == null ? null : Directories.ensure(database).toAbsolutePath();
    SchemaRegistryProcess registry = new SchemaRegistryProcess(runner, db, dir, temp);
    registry.spawn();
    return registry;
  }

  /**
   * Waits until the registry answers {@code GET /apis/ccompat/v7/subjects}; respawns it on another port if the
   * chosen one was taken meanwhile.
   *
   * @return this, for chaining
   * @throws IllegalStateException if the process dies or is not ready within {@code timeout}
   */
  public synchronized SchemaRegistryProcess awaitReady(Duration timeout) {
    if (process == null) {
      throw new IllegalStateException("registry process is closed");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      Process current = process;
      String probe = baseUrl() + "/subjects";
      boolean up;
      try (RegistryProbe prober = new RegistryProbe(baseUrl())) {
        up = prober.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), current::isAlive);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the registry at " + probe, e);
      }
      if (up) {
        ready = true;
        log.info("Schema registry ready at {} in {} ms (pid {}, log {})",
            url(), (System.nanoTime() - launchedAt) / 1_000_000, current.pid(), logFile);
        return this;
      }
      String tail = lastLines();
      if (current.isAlive()) {
        throw new IllegalStateException("registry " + jar + " not ready at " + probe + " after " + timeout
            + "; last output (" + logFile + "):\n" + tail);
      }
      boolean portTaken = tail.contains("Port already bound") || tail.contains("Address already in use");
      if (!portTaken || attempt >= START_ATTEMPTS) {
        throw new IllegalStateException("registry " + jar + " exited with code " + current.exitValue()
            + " before it was ready; last output (" + logFile + "):\n" + tail);
      }
      log.warn("Schema registry port {} taken (attempt {}/{}), retrying on another port", port, attempt, START_ATTEMPTS);
      spawn();
    }
  }

  /**
   * The Confluent-compatible base URL, {@code http://127.0.0.1:<port>/apis/ccompat/v7}, no trailing slash.
   *
   * @throws IllegalStateException if the registry is not ready (see {@link #awaitReady(Duration)}) or closed
   */
  public synchronized String url() {
    if (!ready || process == null) {
      throw new IllegalStateException("registry is not ready");
    }
    return baseUrl();
  }

  /** The file receiving the process's standard output and error. */
  public Path logFile() {
    return logFile;
  }

  /** The registry's process id while it runs. */
  public Optional<Long> pid() {
    Process running = process;
    return running != null && running.isAlive() ? Optional.of(running.pid()) : Optional.empty();
  }

  /** The runner jar this process runs. */
  public Path jar() {
    return jar;
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and deletes the temp directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    stopProcess(process);
    process = null;
    ready = false;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook stops nothing that is still running
    }
    if (ownsWorkDir) {
      try {
        Directories.deleteRecursively(workDir);
      } catch (UncheckedIOException e) {
        log.warn("registry temp directory {} not fully deleted", workDir, e);
      }
    }
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  private void spawn() {
    port = FreePorts.pick(1)[0];
    List<String> options = new ArrayList<>(JVM_OPTIONS);
    options.add("-Dquarkus.http.port=" + port);
    options.add("-Dquarkus.http.host=127.0.0.1");
    List<String> command = ParentWatchdog.javaCommand(options, jar, List.of());
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    if (database != null) {
      // WRITE_DELAY=0: every commit on disk at once; with H2's default (500 ms) a registry stopped right after a
      // change lost it (RegistryPersistenceIT: the last subject's compatibility level)
      builder.environment().put(DATASOURCE_URL_VARIABLE, "jdbc:h2:file:" + database.resolve("registry") + ";WRITE_DELAY=0");
    }
    try {
      launchedAt = System.nanoTime();
      // its standard input stays open, unwritten: the pipe's end of file tells the child this JVM is gone
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the registry: " + String.join(" ", command), e);
    }
    if (shutdownHook == null) {
      shutdownHook = new Thread(this::stopOnExit, "local-cluster-registry-shutdown-1");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    log.debug("Schema registry launched: pid {}, port {}, jar {}", process.pid(), port, jar);
  }

  private void stopOnExit() {
    Process running = process;
    if (running != null) {
      running.destroy();
    }
  }

  private void stopProcess(Process running) {
    running.destroy();
    try {
      if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("registry pid {} ignored SIGTERM for {}; killing it", running.pid(), STOP_TIMEOUT);
        running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      running.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String lastLines() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no output readable from " + logFile + ": " + e + ")";
    }
  }
}
