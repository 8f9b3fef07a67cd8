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

  private final String service;
  private final List<String> command;
  private final Path log;
  private Process process;

  ServiceProcess(String service, Map<String, String> settings, Path logDir) {
    this.service = service;
    this.log = logDir.resolve(service + ".log");
    this.command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        "io.screenalytics.launcher.Screenalytics", "service", service));
    settings.forEach((k, v) -> {
      command.add("--set");
      command.add(k + "=" + v);
    });
  }

  /** Starts (or restarts) the process, appending to its log. */
  ServiceProcess start() throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return this;
  }

  /** SIGKILL, and wait until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
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
