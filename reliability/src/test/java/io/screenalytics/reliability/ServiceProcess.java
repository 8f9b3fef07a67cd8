package io.screenalytics.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the pipeline running as its own OS process ({@code screenalytics service <name>}), on the
 * test's classpath, with its output in a log file. {@link #kill()} sends SIGKILL: no shutdown hook runs, no
 * offset is committed, nothing is flushed.
 */
final class ServiceProcess implements AutoCloseable {

  /** The launcher jar with its {@code lib/} beside it, from the launcher module's {@code package} phase. */
  static final Path LAUNCHER_JAR = Path.of("..", "launcher", "target", "screenalytics-launcher.jar");

  private final String service;
  private final List<String> command;
  private final Path log;
  private Process process;

  ServiceProcess(String service, Map<String, String> settings, Path logDir) {
    this(service, settings, logDir, List.of());
  }

  /**
   * @param jvmOptions extra options of the service's JVM (before {@code -jar}), for example HotSpot's fault injection
   */
  ServiceProcess(String service, Map<String, String> settings, Path logDir, List<String> jvmOptions) {
    this.service = service;
    this.log = logDir.resolve(service + ".log");
    // the packaged launcher (built before this module by the reactor), exactly as users run a service
    this.command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", LAUNCHER_JAR.toString(), "service", service));
    settings.forEach((k, v) -> {
      command.add("--set");
      command.add(k + "=" + v);
    });
  }

  /** The four face services, in pipeline order. */
  static final List<String> FACE_SERVICES = List.of("decoder", "detect-track", "embed", "assembly");

  /** Starts each of {@code services} with {@code settings}, logs in {@code logDir}; by name, in order. */
  static Map<String, ServiceProcess> startAll(List<String> services, Map<String, String> settings, Path logDir)
      throws IOException {
    Map<String, ServiceProcess> started = new java.util.LinkedHashMap<>();
    for (String service : services) {
      started.put(service, new ServiceProcess(service, settings, logDir).start());
    }
    return started;
  }

  /** Starts (or restarts) the process, appending to its log. */
  ServiceProcess start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SCREENALYTICS_LOG_LEVEL", "INFO");
    process = builder.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return this;
  }

  /** SIGKILL, and wait until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The exit code of the process, which has ended. */
  int exitCode() {
    return process.exitValue();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  String service() {
    return service;
  }

  Path log() {
    return log;
  }

  /** SIGTERM (graceful), then SIGKILL after 20 s. */
  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
